import type { Kysely } from "kysely";
import { z } from "zod";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { getFeatureSetting, putFeatureSetting } from "../store/settings.repository.ts";

/**
 * The business's messaging settings (GET/PUT /api/settings/messaging), kept under one key of
 * the settings table: whether marketing needs the customer's explicit consent, the service
 * number messages may quote, and the public address the links in messages point to.
 */
export const MESSAGING_KEY = "messaging";

export const MessagingSettingsSchema = z.object({
  requireOptIn: z.boolean().describe("true: marketing goes only to customers who granted consent on the channel; false: to everyone who has not withdrawn it"),
  serviceNumber: z.string().trim().max(40).regex(/^[0-9+()\- ]*$/, "digits, spaces and + ( ) - only, such as 400-820-8820").describe("the service phone number {{serviceNumber}} fills in; empty: none"),
  publicUrl: z.union([z.literal(""), z.url({ protocol: /^https?$/ }).max(300)])
    .describe("the address customers reach this server at, for the links in messages (https://crm.example.com); empty: the address of the request"),
}).meta({ id: "MessagingSettings" });

export type MessagingSettings = z.infer<typeof MessagingSettingsSchema>;

export const DEFAULT_MESSAGING: MessagingSettings = Object.freeze({ requireOptIn: false, serviceNumber: "", publicUrl: "" });

/** The saved settings over the defaults; a stored value that no longer parses falls back to them. */
export async function getMessagingSettings(db: Kysely<Database>): Promise<MessagingSettings> {
  const stored = await getFeatureSetting(db, MESSAGING_KEY);
  const r = MessagingSettingsSchema.safeParse({ ...DEFAULT_MESSAGING, ...(stored as object | undefined) });
  return r.success ? r.data : { ...DEFAULT_MESSAGING };
}

/** Checks and saves the settings; a bad value is a BAD_INPUT naming its field. The caller audits. */
export async function putMessagingSettings(db: Kysely<Database>, v: unknown): Promise<MessagingSettings> {
  const r = MessagingSettingsSchema.safeParse(v);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join(".") || "settings";
    throw new RetainError("BAD_INPUT", `Messaging settings ${field}: ${issue.message}.`, { field });
  }
  // Links are made as `${publicUrl}/u/…`: a trailing slash would double.
  const v2 = { ...r.data, publicUrl: r.data.publicUrl.replace(/\/+$/, "") };
  await putFeatureSetting(db, MESSAGING_KEY, v2);
  return v2;
}
