import { Command } from "commander";
import { addUser, changeUser } from "../../accounts/accounts.service.ts";
import { randomPassword } from "../../accounts/secrets.ts";
import { findLogin, listUsers, ROLES, type Role } from "../../accounts/users.repository.ts";
import type { Actor } from "../../audit/audit.repository.ts";
import { RetainError } from "../../errors.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const CLI_ACTOR: Actor = { userId: null, label: "cli" };

const role = (v: string): Role => {
  if (!(ROLES as readonly string[]).includes(v)) throw new RetainError("BAD_INPUT", `--role must be one of ${ROLES.join(", ")} (got "${v}").`, { field: "role" });
  return v as Role;
};

/** `retain user add|list|set-password|disable`: accounts from the command line (the first admin, recovery). */
export function userCommand(): Command {
  const cmd = new Command("user").description("Manage accounts: add the first admin, reset a password");
  cmd.command("add")
    .description("Create an account; without --password a random one is made and printed once")
    .requiredOption("--email <email>", "sign-in e-mail")
    .requiredOption("--name <name>", "display name")
    .option("--role <role>", `one of ${ROLES.join(", ")}`, role, "admin" as Role)
    .option("--team <team>", "team (agents see their team's customers)")
    .option("--password <password>", "at least 10 characters (prefer the generated one)")
    .action(async (o: { email: string; name: string; role: Role; team?: string; password?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const password = o.password ?? randomPassword();
        const user = await addUser(store.db, { email: o.email, name: o.name, role: o.role, team: o.team ?? null, password }, CLI_ACTOR);
        if (g.json) return printJson({ user, password: o.password ? undefined : password });
        process.stdout.write(`Created ${user.role} ${user.email} (id ${user.id}).\n`);
        if (!o.password) process.stdout.write(`Password (shown once): ${password}\n`);
      }));
  cmd.command("set-password")
    .description("Set a user's password (a random one, printed once, unless --password is given); ends their sessions")
    .argument("<email>")
    .option("--password <password>", "the new password, at least 10 characters (default: a generated one, shown once)")
    .action(async (email: string, o: { password?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const login = await findLogin(store.db, email);
        if (!login) throw new RetainError("NOT_FOUND", `No user with e-mail ${email}.`, { field: "email" });
        const password = o.password ?? randomPassword();
        await changeUser(store.db, login.user.id, { password, disabled: false }, CLI_ACTOR);
        if (g.json) return printJson({ email: login.user.email, password: o.password ? undefined : password });
        process.stdout.write(`Password of ${login.user.email} set.${o.password ? "" : ` New password (shown once): ${password}`}\n`);
      }));
  cmd.command("list").description("All accounts").action(async (_o, c: Command) =>
    withStore(c, async (store, g) => {
      const users = await listUsers(store.db);
      if (g.json) return printJson(users);
      printTable(users.map((u) => ({ id: u.id, email: u.email, name: u.name, role: u.role, team: u.team ?? "", disabled: u.disabled ? "yes" : "" })));
    }));
  return cmd;
}
