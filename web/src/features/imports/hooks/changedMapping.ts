/**
 * Only what the user changed goes back as overrides: the server repeats its own guess, which
 * may use columns it computes (a platform preset's buyer or net amount) that no header names.
 * A field the user cleared is sent empty, which unmaps it.
 */
export function changedMapping(guess: Record<string, string>, mapping: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(mapping)) if (guess[field] !== header) out[field] = header;
  for (const field of Object.keys(guess)) if (!(field in mapping)) out[field] = "";
  return out;
}
