/**
 * A copy of a string that does not share memory with the text it was cut from. V8 keeps a
 * substring of 13 or more characters as a view of its parent, so an id kept for a whole
 * import run would otherwise keep its file chunk alive: memory would grow with the file.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, "utf8").toString("utf8");
}
