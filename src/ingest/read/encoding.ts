/**
 * Text encodings of import files: detection from the first bytes, names the user may
 * give with --encoding, and streaming decoders. Chinese Excel writes CSV in GBK, so
 * "not UTF-8" most often means GB18030 (a superset of GBK and GB2312).
 */
import iconv from "iconv-lite";
import { RetainError } from "../../errors.ts";

/** How many leading bytes detection looks at. */
export const SAMPLE_BYTES = 64 * 1024;

/** Canonical encoding names this module reports, with the decoder each one uses. */
const CANONICAL: Record<string, string> = {
  "utf-8": "utf8",
  "utf-8-bom": "utf8",
  gb18030: "gb18030",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
  latin1: "latin1",
  "windows-1252": "windows1252",
  big5: "big5",
  "shift_jis": "shiftjis",
};

/** Names users type (lower-case, as given) → canonical name. */
const ALIASES: Record<string, string> = {
  utf8: "utf-8",
  "utf-8": "utf-8",
  "utf-8-bom": "utf-8-bom",
  utf8bom: "utf-8-bom",
  "utf-8-sig": "utf-8-bom",
  "utf8-bom": "utf-8-bom",
  // GBK and GB2312 are subsets of GB18030: one decoder reads all three.
  gb18030: "gb18030",
  gbk: "gb18030",
  gb2312: "gb18030",
  cp936: "gb18030",
  "euc-cn": "gb18030",
  "utf-16le": "utf-16le",
  utf16le: "utf-16le",
  "utf-16": "utf-16le",
  utf16: "utf-16le",
  ucs2: "utf-16le",
  "utf-16be": "utf-16be",
  utf16be: "utf-16be",
  latin1: "latin1",
  "iso-8859-1": "latin1",
  "iso8859-1": "latin1",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  big5: "big5",
  "shift_jis": "shift_jis",
  "shift-jis": "shift_jis",
  sjis: "shift_jis",
};

/** Turns a user-given encoding name into the canonical one, or throws BAD_INPUT listing the names. */
export function normalizeEncoding(name: string): string {
  const canonical = ALIASES[name.trim().toLowerCase()];
  if (canonical === undefined) {
    throw new RetainError(
      "BAD_INPUT",
      `Unknown encoding '${name}'. Use one of: ${Object.keys(ALIASES).join(", ")}.`,
      { field: "encoding", hint: "Chinese Excel CSV files are usually gbk; most others utf-8." },
    );
  }
  return canonical;
}

/** A streaming decoder: feed buffers, get text; a multi-byte character split across buffers is kept. */
export interface Decoder {
  write(chunk: Uint8Array): string;
  end(): string;
}

export function createDecoder(encoding: string): Decoder {
  if (encoding === "utf-8" || encoding === "utf-8-bom") {
    // Non-fatal: a few bad bytes become U+FFFD and only their records are rejected.
    const d = new TextDecoder("utf-8", { fatal: false });
    return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
  }
  const iconvName = CANONICAL[encoding];
  if (iconvName === undefined) throw new RetainError("INTERNAL", `no decoder for encoding '${encoding}'`);
  const d = iconv.getDecoder(iconvName);
  return { write: (chunk) => d.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), end: () => d.end() ?? "" };
}

interface Utf8Stats {
  invalid: number;
  multibyte: number;
}

/** Counts valid multi-byte sequences and invalid bytes; an incomplete sequence at a cut sample's end is not counted. */
function utf8Stats(bytes: Uint8Array, complete: boolean): Utf8Stats {
  let invalid = 0;
  let multibyte = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else {
      invalid++;
      i++;
      continue;
    }
    if (i + need >= bytes.length && !complete) break;
    let cp = b & (0x3f >> need);
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const t = bytes[i + k];
      if (t === undefined || (t & 0xc0) !== 0x80) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (t & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { invalid, multibyte };
}

interface GbStats {
  invalid: number;
  pairs: number;
  /** Pairs with both bytes in 0xA1–0xFE: the GB2312 block where nearly all Chinese text lives. */
  strong: number;
}

function gbStats(bytes: Uint8Array, complete: boolean): GbStats {
  let invalid = 0;
  let pairs = 0;
  let strong = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) {
      invalid++;
      i++;
      continue;
    }
    const t = bytes[i + 1];
    if (t === undefined) {
      if (complete) invalid++;
      break;
    }
    if (t >= 0x30 && t <= 0x39) {
      // GB18030 four-byte form: lead, digit, lead, digit.
      const t2 = bytes[i + 2];
      const t3 = bytes[i + 3];
      if (t2 === undefined || t3 === undefined) break;
      if (t2 >= 0x81 && t2 <= 0xfe && t3 >= 0x30 && t3 <= 0x39) {
        pairs++;
        i += 4;
      } else {
        invalid++;
        i++;
      }
      continue;
    }
    if (t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      pairs++;
      if (b >= 0xa1 && t >= 0xa1) strong++;
      i += 2;
    } else {
      invalid++;
      i++;
    }
  }
  return { invalid, pairs, strong };
}

/**
 * Guesses the encoding of a file from its first bytes. `complete` says the sample is the
 * whole file (so a trailing partial character is an error, not a cut).
 *
 * BOM first; then valid UTF-8; then a mostly-UTF-8 sample (at least twice as many good
 * multi-byte characters as bad bytes) stays UTF-8, so a few damaged lines are rejected one
 * by one instead of garbling the whole file; then clean GB18030 that looks like Chinese
 * text; anything else is read as UTF-8 and its bad records are reported.
 */
export function detectEncoding(sample: Uint8Array, complete = false): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8-bom";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  const u8 = utf8Stats(sample, complete);
  if (u8.invalid === 0) return "utf-8";
  if (u8.multibyte >= 2 * u8.invalid) return "utf-8";
  const gb = gbStats(sample, complete);
  const cleanGb = gb.pairs > 0 && gb.invalid * 20 <= gb.pairs;
  if (cleanGb && gb.strong * 2 >= gb.pairs) return "gb18030";
  return "utf-8";
}

/** Whether decoded text carries the replacement character a non-fatal decoder puts for bad bytes. */
export const hasReplacementChar = (s: string): boolean => s.includes("\uFFFD");
