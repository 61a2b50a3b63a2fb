import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { addUser, changeUser } from "../../accounts/accounts.service.ts";
import { listUsers } from "../../accounts/users.repository.ts";
import { actorOf } from "../auth.ts";
import { IdParams, Role, Text, UserOut } from "../schemas.ts";

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["users"];

  app.get("/users", { config: { permission: "users:manage" }, schema: { tags, summary: "All accounts", response: { 200: z.object({ items: z.array(UserOut) }) } } }, async () => ({
    items: await listUsers(db),
  }));

  app.get("/users/options", {
    config: { permission: "signed-in" },
    schema: { tags, summary: "Active users, for owner pickers", response: { 200: z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), team: z.string().nullable(), role: Role })) }) } },
  }, async () => ({
    items: (await listUsers(db)).filter((u) => !u.disabled).map((u) => ({ id: u.id, name: u.name, team: u.team, role: u.role })),
  }));

  app.post("/users", {
    config: { permission: "users:manage" },
    schema: {
      tags, summary: "Create an account",
      body: z.object({ email: z.string().trim().max(320), name: Text(200), role: Role, team: Text(100).nullable().optional(), password: z.string().max(200) }),
      response: { 201: UserOut },
    },
  }, async (req, reply) => reply.status(201).send(await addUser(db, req.body, actorOf(req))));

  app.patch("/users/:id", {
    config: { permission: "users:manage" },
    schema: {
      tags, summary: "Change an account: name, role, team, disabled, password",
      params: IdParams,
      body: z.object({ name: Text(200).pipe(z.string().min(1)).optional(), role: Role.optional(), team: Text(100).nullable().optional(), disabled: z.boolean().optional(), password: z.string().max(200).optional() }),
      response: { 200: UserOut },
    },
  }, async (req) => changeUser(db, req.params.id, req.body, actorOf(req)));
};
