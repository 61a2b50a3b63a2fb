import { sql, type RawBuilder } from "kysely";

/** An agent's book: the customers owned by them or by someone in their team; null = everyone. */
export type Book = { userId: number; team: string | null } | null;

/** The condition that keeps `customers c` to the book (true for everyone). */
export function inBook(book: Book): RawBuilder<unknown> {
  if (!book) return sql`true`;
  if (!book.team) return sql`c.owner_id = ${book.userId}`;
  return sql`(c.owner_id = ${book.userId} or c.owner_id in (select user_id from users where team = ${book.team}))`;
}

/** Live customers only: neither merged into another nor erased. */
export const LIVE = sql`c.merged_into is null and c.erased_at is null`;
