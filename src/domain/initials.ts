import { INITIALS, INITIALS_FROM, SURNAME_INITIALS } from "./pinyin-initials.generated.ts";

const CJK_LAST = INITIALS_FROM + INITIALS.length - 1;

/**
 * The initials people type to find a name: the pinyin initial of each Chinese character
 * (王小明 → wxm; the first character read as a surname, so 单田芳 → stf) and the first letter
 * of each Latin word (Jason Huang → jh). Null when the name gives none.
 */
export function nameInitials(name: string | null | undefined): string | null {
  if (!name) return null;
  let out = "";
  let inWord = false;
  let first = true;
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (cp >= INITIALS_FROM && cp <= CJK_LAST) {
      const initial = (first ? SURNAME_INITIALS[ch] : undefined) ?? INITIALS[cp - INITIALS_FROM]!;
      if (initial !== "_") out += initial;
      inWord = false;
      first = false;
    } else if (/[A-Za-z0-9]/.test(ch)) {
      if (!inWord) out += ch.toLowerCase();
      inWord = true;
      first = false;
    } else {
      inWord = false;
    }
  }
  return out || null;
}
