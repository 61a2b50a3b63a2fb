import nodemailer from "nodemailer";
import type { Sender } from "./outbox.ts";

/**
 * E-mail over SMTP with nodemailer. `url` as nodemailer reads it, e.g.
 * `smtp://user:pass@mail.example.com:587` (STARTTLS when the server offers it) or
 * `smtps://…:465`; `from` is the sender shown to customers.
 */
export function smtpSender(o: { url: string; from: string }): Sender & { close(): void } {
  const transport = nodemailer.createTransport(o.url);
  return {
    channel: "email",
    async send(m) {
      const info = await transport.sendMail({
        from: o.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers, messageId: m.messageId,
      });
      return { providerId: String(info.messageId ?? m.messageId) };
    },
    close: () => transport.close(),
  };
}
