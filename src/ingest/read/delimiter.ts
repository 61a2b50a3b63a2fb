/**
 * CSV delimiter: named by the user or sniffed from the first lines of the file.
 */
import { RetainError } from "../../errors.ts";

/** Whitespace-separated files: runs of spaces or tabs separate fields, quotes mean nothing. */
export const WHITESPACE = " ";

const CANDIDATES = [",", "\t", ";", "|"] as const;

const NAMES: Record<string, string> = {
  comma: ",",
  semicolon: ";",
  tab: "\t",
  "\\t": "\t",
  pipe: "|",
  space: WHITESPACE,
  whitespace: WHITESPACE,
};

/** Turns a --delimiter value into the delimiter; throws BAD_INPUT for anything unusable. */
export function parseDelimiter(value: string): string {
  const named = NAMES[value.toLowerCase()];
  if (named !== undefined) return named;
  if (value.length === 1 && value !== '"' && value !== "\n" && value !== "\r") return value;
  throw new RetainError("BAD_INPUT", `Cannot use '${value}' as a delimiter.`, {
    field: "delimiter",
    hint: "Give one character, or one of: comma, semicolon, tab, pipe, space.",
  });
}

/** Splits sample text into records (up to `max`), counting each candidate outside quotes. */
function countPerRecord(text: string, complete: boolean, max: number): Map<string, number[]> {
  const counts = new Map<string, number[]>(CANDIDATES.map((c) => [c, []]));
  let current = new Map<string, number>();
  let inQuotes = false;
  let blank = true;
  let records = 0;
  const close = () => {
    if (!blank) {
      for (const c of CANDIDATES) counts.get(c)!.push(current.get(c) ?? 0);
      records++;
    }
    current = new Map();
    blank = true;
  };
  for (let i = 0; i < text.length && records < max; i++) {
    const ch = text[i]!;
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === "\n" && !inQuotes) close();
    else if (!inQuotes && (CANDIDATES as readonly string[]).includes(ch)) {
      current.set(ch, (current.get(ch) ?? 0) + 1);
    }
    if (ch !== "\n" && ch !== " " && ch !== "\t") blank = false;
  }
  // The last record of a cut sample may be partial: leave it out.
  if (complete && records < max) close();
  return counts;
}

/**
 * Picks the delimiter that splits the header into the most fields and splits the other
 * sampled records into the same number most consistently; ties go to comma, then tab,
 * semicolon, pipe. With none of those in the header, a header of several words separated
 * by spaces makes it a whitespace-separated file; otherwise a one-column comma file.
 */
export function sniffDelimiter(text: string, complete: boolean): string {
  const counts = countPerRecord(text, complete, 50);
  let best: { delimiter: string; consistency: number; fields: number } | undefined;
  for (const c of CANDIDATES) {
    const perRecord = counts.get(c)!;
    const header = perRecord[0] ?? 0;
    if (header === 0) continue;
    const rest = perRecord.slice(1);
    const consistency = rest.length === 0 ? 1 : rest.filter((n) => n === header).length / rest.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && header > best.fields)) {
      best = { delimiter: c, consistency, fields: header };
    }
  }
  if (best) return best.delimiter;
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return firstLine.trim().split(/[ \t]+/).length > 1 ? WHITESPACE : ",";
}
