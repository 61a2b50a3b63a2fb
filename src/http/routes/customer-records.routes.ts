import { randomUUID } from "node:crypto";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { customerTimeline, duplicatesOf, getCustomer, mergeCustomers } from "../../archive/customers.service.ts";
import { RetainError } from "../../errors.ts";
import { deleteContact, deleteKeyDate, insertContacts, insertKeyDates, updateContact } from "../../store/customer-details.repository.ts";
import { inTransaction } from "../../store/transaction.ts";
import { principalOf } from "../auth.ts";
import { recordRequestChange } from "../changes.ts";
import { CustomerDetail, customerDetail, Email, Phone } from "../customer-view.ts";
import { assertCustomerAccess } from "../permissions.ts";
import { decodeCursor, encodeCursor, Id, IdParams, Limit, Text } from "../schemas.ts";

const TimelineCursor = z.object({ at: z.iso.datetime({ offset: true }), kind: z.string().max(20), ref: z.number().int() });
const TimelineEvent = z.object({
  kind: z.enum(["order", "interaction", "state_change", "complaint", "complaint_step", "survey", "merge", "points", "level", "message", "task"]),
  at: z.date(), ref: z.number(), data: z.record(z.string(), z.unknown()) }).meta({ id: "TimelineEvent" });

const KeyDateBody = z.object({
  kind: z.enum(["birthday", "wedding", "company_anniversary", "other"]),
  label: Text(100).optional(),
  calendar: z.enum(["gregorian", "lunar"]).default("gregorian"),
  year: z.number().int().min(1900).max(2100).optional(),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  leapMonth: z.boolean().default(false),
}).superRefine((d, ctx) => {
  // A Gregorian day must exist in its month (29 February is allowed without a year).
  const maxDay = d.calendar === "lunar" ? 30 : new Date(Date.UTC(d.year ?? 2000, d.month, 0)).getUTCDate();
  if (d.day > maxDay) ctx.addIssue({ code: "custom", path: ["day"], message: `must be at most ${maxDay} in month ${d.month}` });
  if (d.leapMonth && d.calendar !== "lunar") ctx.addIssue({ code: "custom", path: ["leapMonth"], message: "only lunar dates have leap months" });
});

const ContactBody = z.object({
  name: Text(200).pipe(z.string().min(1)), title: Text(100).optional(), phone: Phone.optional(), email: Email.optional(),
  isDecisionMaker: z.boolean().optional(), notes: Text(2000).optional(),
});

/** A change to a contact person: a field sent as null is cleared. */
const ContactPatch = z.object({
  name: Text(200).pipe(z.string().min(1)).optional(), title: Text(100).nullable().optional(), phone: Phone.nullable().optional(),
  email: Email.nullable().optional(), isDecisionMaker: z.boolean().optional(), notes: Text(2000).nullable().optional(),
});

const CustomerParams = z.object({ id: Id });

export const customerRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["customers"];
  const access = async (req: Parameters<typeof principalOf>[0], id: number) => assertCustomerAccess(db, principalOf(req), id);

  app.get("/customers/:id/timeline", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "One customer's history, newest first: orders, contacts, state changes, complaints, merges",
      params: IdParams, querystring: z.object({ limit: Limit(30, 200), cursor: z.string().max(300).optional() }),
      response: { 200: z.object({ items: z.array(TimelineEvent), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    await access(req, req.params.id);
    const c = decodeCursor(req.query.cursor, TimelineCursor);
    const items = await customerTimeline(db, req.params.id, { limit: req.query.limit + 1, before: c ? { at: new Date(c.at), kind: c.kind, ref: c.ref } : undefined });
    const page = items.slice(0, req.query.limit).map((e) => ({ ...e, at: new Date(e.at), ref: Number(e.ref) }));
    const last = page.at(-1);
    return { items: page, nextCursor: items.length > req.query.limit && last ? encodeCursor({ at: last.at.toISOString(), kind: last.kind, ref: last.ref }) : null };
  });

  app.post("/customers/:id/interactions", {
    config: { permission: "customers:write" },
    schema: {
      tags, summary: "Log a contact with the customer",
      params: IdParams,
      body: z.object({
        channel: Text(40).pipe(z.string().min(1)), direction: z.enum(["inbound", "outbound"]).default("outbound"),
        purpose: Text(200).optional(), outcome: Text(200).optional(), notes: Text(5000).optional(),
        occurredAt: z.iso.datetime({ offset: true }).optional(),
      }),
      response: { 201: z.object({ id: z.number() }) },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    await access(req, req.params.id);
    const b = req.body;
    const occurredAt = b.occurredAt ? new Date(b.occurredAt) : new Date();
    if (occurredAt.getTime() > Date.now() + 24 * 3600_000) throw new RetainError("BAD_INPUT", "A contact cannot be logged more than a day in the future.", { field: "body.occurredAt" });
    const id = await inTransaction(db, async (trx) => {
      const row = await trx.insertInto("interactions").values({
        customer_id: req.params.id, occurred_at: occurredAt, channel: b.channel, direction: b.direction, purpose: b.purpose ?? null,
        outcome: b.outcome ?? null, notes: b.notes ?? null, user_id: p.userId, external_ref: `api:${randomUUID()}`, import_id: null,
      }).returning("interaction_id").executeTakeFirstOrThrow();
      const after = { ...b, occurredAt: occurredAt.toISOString() };
      await recordRequestChange(trx, req, { action: "interaction.created", entityType: "interaction", entityId: row.interaction_id, customerId: req.params.id, after },
        { name: "interaction.created", data: { customerId: req.params.id, interactionId: row.interaction_id, ...after } });
      return row.interaction_id;
    });
    return reply.status(201).send({ id });
  });

  app.post("/customers/:id/key-dates", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Add a key date (birthday, anniversary …; Gregorian or lunar)", params: IdParams, body: KeyDateBody, response: { 200: CustomerDetail } },
  }, async (req) => {
    await access(req, req.params.id);
    return inTransaction(db, async (trx) => {
      const added = await insertKeyDates(trx, [{ customerId: req.params.id, dates: [req.body] }]);
      if (!added) throw new RetainError("CONFLICT", "The customer already has this key date.", { field: "body" });
      await recordRequestChange(trx, req, { action: "customer.key_date_added", entityType: "customer", entityId: req.params.id, customerId: req.params.id, after: req.body });
      return customerDetail(await getCustomer(trx, req.params.id));
    });
  });

  app.delete("/customers/:id/key-dates/:keyDateId", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Remove a key date", params: CustomerParams.extend({ keyDateId: Id }) },
  }, async (req, reply) => {
    await access(req, req.params.id);
    await inTransaction(db, async (trx) => {
      const gone = await deleteKeyDate(trx, req.params.id, req.params.keyDateId);
      if (!gone) throw new RetainError("NOT_FOUND", `Customer ${req.params.id} has no key date ${req.params.keyDateId}.`, { field: "keyDateId" });
      await recordRequestChange(trx, req, { action: "customer.key_date_removed", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before: gone });
    });
    return reply.status(204).send();
  });

  app.post("/customers/:id/contacts", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Add a contact person (of an enterprise customer)", params: IdParams, body: ContactBody, response: { 200: CustomerDetail } },
  }, async (req) => {
    await access(req, req.params.id);
    return inTransaction(db, async (trx) => {
      const added = await insertContacts(trx, [{ customerId: req.params.id, contacts: [req.body] }]);
      if (!added) throw new RetainError("CONFLICT", `The customer already has a contact named ${req.body.name}.`, { field: "body.name" });
      await recordRequestChange(trx, req, { action: "customer.contact_added", entityType: "customer", entityId: req.params.id, customerId: req.params.id, after: req.body });
      return customerDetail(await getCustomer(trx, req.params.id));
    });
  });

  app.patch("/customers/:id/contacts/:contactId", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Change a contact person", params: CustomerParams.extend({ contactId: Id }), body: ContactPatch, response: { 200: CustomerDetail } },
  }, async (req) => {
    await access(req, req.params.id);
    return inTransaction(db, async (trx) => {
      const r = await updateContact(trx, req.params.id, req.params.contactId, req.body);
      if (!r) throw new RetainError("NOT_FOUND", `Customer ${req.params.id} has no contact ${req.params.contactId}.`, { field: "contactId" });
      await recordRequestChange(trx, req, { action: "customer.contact_updated", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before: r.before, after: r.after });
      return customerDetail(await getCustomer(trx, req.params.id));
    });
  });

  app.delete("/customers/:id/contacts/:contactId", {
    config: { permission: "customers:write" },
    schema: { tags, summary: "Remove a contact person", params: CustomerParams.extend({ contactId: Id }) },
  }, async (req, reply) => {
    await access(req, req.params.id);
    await inTransaction(db, async (trx) => {
      const gone = await deleteContact(trx, req.params.id, req.params.contactId);
      if (!gone) throw new RetainError("NOT_FOUND", `Customer ${req.params.id} has no contact ${req.params.contactId}.`, { field: "contactId" });
      await recordRequestChange(trx, req, { action: "customer.contact_removed", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before: gone });
    });
    return reply.status(204).send();
  });

  app.get("/customers/:id/duplicates", {
    config: { permission: "customers:read" },
    schema: {
      tags, summary: "Customers that are probably the same person or company", params: IdParams,
      response: { 200: z.object({ items: z.array(z.object({ customerId: z.number(), name: z.string().nullable(), externalId: z.string().nullable(), reasons: z.array(z.string()) })) }) },
    },
  }, async (req) => {
    await access(req, req.params.id);
    return { items: (await duplicatesOf(db, req.params.id)).map((d) => ({ ...d, customerId: Number(d.customerId) })) };
  });

  app.post("/customers/:id/merge", {
    config: { permission: "customers:merge" },
    schema: { tags, summary: "Merge another customer into this one (its orders, contacts and history move here)", params: IdParams, body: z.object({ mergedId: Id }), response: { 200: CustomerDetail } },
  }, async (req) => {
    const p = principalOf(req);
    return inTransaction(db, async (trx) => {
      const before = { survivor: customerDetail(await getCustomer(trx, req.params.id)), merged: customerDetail(await getCustomer(trx, req.body.mergedId)) };
      await mergeCustomers(trx, req.params.id, req.body.mergedId, { userId: p.userId });
      const after = customerDetail(await getCustomer(trx, req.params.id));
      await recordRequestChange(trx, req, { action: "customer.merged", entityType: "customer", entityId: req.params.id, customerId: req.params.id, before, after },
        { name: "customer.merged", data: { customerId: req.params.id, survivorId: req.params.id, mergedId: req.body.mergedId } });
      await recordRequestChange(trx, req, { action: "customer.merged_away", entityType: "customer", entityId: req.body.mergedId, customerId: req.body.mergedId, before: before.merged, after: { mergedInto: req.params.id } });
      return after;
    });
  });
};
