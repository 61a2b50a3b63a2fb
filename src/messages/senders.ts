import fs from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { RetainError } from "../errors.ts";
import type { Sender } from "./outbox.ts";
import { smtpSender } from "./smtp.ts";

/**
 * The e-mail sender the server uses (docs/messaging.md, "Where e-mail goes"): SMTP when
 * RETAIN_SMTP_URL and RETAIN_MAIL_FROM are both set; otherwise every message is written as an
 * .eml file into an outbox folder, so a business without a mail server yet can open exactly
 * what would have gone out (any mail program opens .eml files), and nothing leaves.
 */
export interface ChosenSender {
  sender: Sender & { close(): void };
  /** One line for the server's start-up output. */
  description: string;
}

const DEFAULT_FROM = "retain <no-reply@retain.invalid>";

/** A sender that writes each message as `<outbox>/<time>-<customer>-<send key>.eml`. */
export function folderSender(dir: string, from = DEFAULT_FROM): Sender & { close(): void } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    channel: "email",
    async send(m) {
      const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId: m.messageId });
      fs.mkdirSync(dir, { recursive: true });
      const safeKey = m.key.replace(/[^A-Za-z0-9_.-]+/g, "_").slice(0, 80);
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, "-")}-${m.customerId}-${safeKey}.eml`);
      // "wx": a file already there is never overwritten, so no message is lost to another.
      fs.writeFileSync(file, info.message as Buffer, { flag: "wx" });
      return { providerId: `file:${path.basename(file)}` };
    },
    close: () => transport.close(),
  };
}

/**
 * The sender from the environment. `dataDir`: the embedded store's folder, whose `outbox`
 * subfolder takes the files; null with a PostgreSQL store, when RETAIN_OUTBOX_DIR or else
 * `./outbox` in the working folder does.
 */
export function senderFromEnv(env: NodeJS.ProcessEnv, dataDir: string | null): ChosenSender {
  const url = env.RETAIN_SMTP_URL?.trim();
  const from = env.RETAIN_MAIL_FROM?.trim();
  if (url && !from) throw new RetainError("BAD_CONFIG", "RETAIN_SMTP_URL is set but RETAIN_MAIL_FROM is not: set the sender customers see, such as \"Shop <service@shop.example>\".", { field: "RETAIN_MAIL_FROM" });
  if (url && from) {
    if (!/^smtps?:\/\//.test(url)) throw new RetainError("BAD_CONFIG", "RETAIN_SMTP_URL must start with smtp:// or smtps:// (such as smtp://user:pass@mail.example.com:587).", { field: "RETAIN_SMTP_URL" });
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      throw new RetainError("BAD_CONFIG", "RETAIN_SMTP_URL is not a URL: write it like smtp://user:pass@mail.example.com:587.", { field: "RETAIN_SMTP_URL" });
    }
    return { sender: smtpSender({ url, from }), description: `E-mail is sent through ${host} from ${from}.` };
  }
  const dir = path.resolve(env.RETAIN_OUTBOX_DIR?.trim() || (dataDir ? path.join(dataDir, "outbox") : "outbox"));
  return {
    sender: folderSender(dir, from || DEFAULT_FROM),
    description: `E-mail is not sent: each message is written to ${dir} as an .eml file (set RETAIN_SMTP_URL and RETAIN_MAIL_FROM to send).`,
  };
}
