import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { checkPasswordRule, hashPassword, verifyPassword } from "../../accounts/passwords.ts";
import { createSession, deleteSession, deleteUserSessions, SESSION_MAX_MS } from "../../accounts/sessions.repository.ts";
import { createToken, listTokens, revokeToken } from "../../accounts/tokens.repository.ts";
import { findLogin, getUser, updateUser } from "../../accounts/users.repository.ts";
import { RetainError } from "../../errors.ts";
import { inTransaction } from "../../store/transaction.ts";
import { actorOf, principalOf, SESSION_COOKIE } from "../auth.ts";
import { IdParams, Text, UserOut } from "../schemas.ts";

// A real argon2id hash to verify against when the e-mail is unknown, so a miss takes as
// long as a wrong password and does not reveal which e-mails have accounts.
let decoyHash: Promise<string> | null = null;

const Me = z.object({ user: UserOut, csrfToken: z.string().nullable() });
const TokenOut = z.object({ id: z.number(), name: z.string(), prefix: z.string(), createdAt: z.date(), lastUsedAt: z.date().nullable(), expiresAt: z.date().nullable() });

export const authRoutes: FastifyPluginAsyncZod<{ secureCookies: boolean }> = async (app, opts) => {
  const db = app.db;
  const tags = ["auth"];

  app.post("/auth/login", {
    config: { permission: "public" },
    schema: { tags, summary: "Sign in", body: z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) }), response: { 200: Me } },
  }, async (req, reply) => {
    const keys = [`e:${req.body.email.toLowerCase()}`, `ip:${req.ip}`];
    app.loginLimiter.check(keys);
    const login = await findLogin(db, req.body.email);
    const ok = login?.passwordHash
      ? await verifyPassword(login.passwordHash, req.body.password)
      : (await verifyPassword(await (decoyHash ??= hashPassword("decoy password")), req.body.password), false);
    if (!login || !ok || login.user.disabled) {
      app.loginLimiter.fail(keys);
      throw new RetainError("UNAUTHENTICATED", "The e-mail or password is wrong, or the account is disabled.", { field: "password" });
    }
    app.loginLimiter.succeed(keys);
    const session = await createSession(db, login.user.id, { userAgent: req.headers["user-agent"] ?? null, ip: req.ip });
    await recordChange(db, { userId: login.user.id, label: login.user.email, ip: req.ip, requestId: String(req.id) }, {
      action: "user.signed_in", entityType: "user", entityId: login.user.id,
    });
    reply.setCookie(SESSION_COOKIE, session.id, {
      path: "/", httpOnly: true, sameSite: "strict", secure: opts.secureCookies, maxAge: Math.floor(SESSION_MAX_MS / 1000),
    });
    return { user: login.user, csrfToken: session.csrfToken };
  });

  app.post("/auth/logout", { config: { permission: "signed-in" }, schema: { tags, summary: "Sign out" } }, async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await deleteSession(db, sid);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.status(204).send();
  });

  app.get("/auth/me", { config: { permission: "signed-in" }, schema: { tags, summary: "The signed-in user", response: { 200: Me } } }, async (req) => {
    const p = principalOf(req);
    return { user: await getUser(db, p.userId), csrfToken: p.csrfToken ?? null };
  });

  app.post("/auth/password", {
    config: { permission: "signed-in" },
    schema: { tags, summary: "Change one's own password", body: z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) }) },
  }, async (req, reply) => {
    const p = principalOf(req);
    const login = await findLogin(db, p.email);
    if (!login?.passwordHash || !(await verifyPassword(login.passwordHash, req.body.currentPassword))) {
      throw new RetainError("BAD_INPUT", "The current password is wrong.", { field: "currentPassword" });
    }
    checkPasswordRule(req.body.newPassword, "newPassword");
    const hash = await hashPassword(req.body.newPassword);
    await inTransaction(db, async (trx) => {
      await updateUser(trx, p.userId, { passwordHash: hash });
      // Other sessions end: a changed password is often a response to a stolen one.
      await deleteUserSessions(trx, p.userId, req.cookies[SESSION_COOKIE]);
      await recordChange(trx, actorOf(req), { action: "user.password_changed", entityType: "user", entityId: p.userId });
    });
    return reply.status(204).send();
  });

  app.get("/auth/tokens", { config: { permission: "signed-in" }, schema: { tags, summary: "My API tokens", response: { 200: z.object({ items: z.array(TokenOut) }) } } }, async (req) => ({
    items: await listTokens(db, principalOf(req).userId),
  }));

  app.post("/auth/tokens", {
    config: { permission: "signed-in" },
    schema: {
      tags, summary: "Create an API token (the secret is shown once)",
      body: z.object({ name: Text(100).pipe(z.string().min(1)), expiresInDays: z.number().int().min(1).max(3650).optional() }),
      response: { 201: TokenOut.extend({ token: z.string() }) },
    },
  }, async (req, reply) => {
    const p = principalOf(req);
    const t = await inTransaction(db, async (trx) => {
      const t = await createToken(trx, p.userId, req.body.name, req.body.expiresInDays);
      await recordChange(trx, actorOf(req), { action: "token.created", entityType: "api_token", entityId: t.id, after: { name: t.name, prefix: t.prefix } });
      return t;
    });
    return reply.status(201).send(t);
  });

  app.delete("/auth/tokens/:id", { config: { permission: "signed-in" }, schema: { tags, summary: "Revoke an API token", params: IdParams } }, async (req, reply) => {
    await inTransaction(db, async (trx) => {
      const t = await revokeToken(trx, principalOf(req).userId, req.params.id);
      await recordChange(trx, actorOf(req), { action: "token.revoked", entityType: "api_token", entityId: t.id, before: { name: t.name, prefix: t.prefix } });
    });
    return reply.status(204).send();
  });
};
