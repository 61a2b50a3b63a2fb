/**
 * The form's limits and checks, the same as the server's (src/http/routes/public-complaints.routes.ts
 * and src/retention/complaints/public-intake.service.ts), so a visitor hears about a mistake
 * before sending.
 */
export const WORDS_MAX = 4000;
export const ORDER_NO_MAX = 100;
export const CONTACT_MAX = 320;
export const PRODUCT_MAX = 200;

/** Whether `raw` reads as an e-mail address or a phone number (6 to 20 digits, spaces and dashes allowed). */
export function isContact(raw: string): boolean {
  const t = raw.trim();
  if (t.includes("@")) return /^[^\s@,;<>()]+@[^\s@,;<>()]+\.[^\s@,;<>()]{2,}$/.test(t.toLowerCase());
  return /^\+?\d{6,20}$/.test(t.replace(/[\s\-.()/]/g, ""));
}

/** The form field a server error names ("body.words" → "words"), if the form has it. */
export function formField(field: string | undefined): "orderNo" | "contact" | "category" | "words" | "product" | null {
  const f = field?.replace(/^body\./, "");
  return f === "orderNo" || f === "contact" || f === "category" || f === "words" || f === "product" ? f : null;
}
