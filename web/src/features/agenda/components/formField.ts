import { isApiError } from "../../../api/errors";

/**
 * The form field a server refusal names, when the form has it: "body.title" → "title"; the
 * customer check names the customer "id".
 */
export function formFieldOf<K extends string>(error: unknown, names: readonly K[]): K | null {
  if (!isApiError(error) || !error.field) return null;
  const name = error.field === "id" ? "customerId" : error.field.replace(/^body\./, "").split(".")[0]!;
  return (names as readonly string[]).includes(name) ? (name as K) : null;
}

/** The server's words for a field: its message and, when it gives one, what to do. */
export function fieldMessage(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  return [error.message, error.hint].filter(Boolean).join(" ");
}
