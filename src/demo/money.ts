/**
 * Money in the generator is integer cents (fen); it becomes a decimal string only at the
 * edge, so amount = quantity × unitPrice − discount holds exactly in the output.
 */

const PAD = ["00", "01", "02", "03", "04", "05", "06", "07", "08", "09"];

/** Integer cents → "123.45" / "-0.50". */
export function cents(c: number): string {
  if (!Number.isSafeInteger(c)) throw new Error(`cents() needs a safe integer, got ${c}`);
  const neg = c < 0;
  const a = neg ? -c : c;
  const frac = a % 100;
  const s = `${(a - frac) / 100}.${frac < 10 ? PAD[frac] : frac}`;
  return neg ? `-${s}` : s;
}

/** Round a non-negative amount of cents to whole yuan or to 0.1 yuan, as prices are. */
export function roundPrice(c: number, step: 10 | 100): number {
  return Math.max(step, Math.round(c / step) * step);
}
