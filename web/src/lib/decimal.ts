/**
 * Exact subtraction of decimal strings ("1200.50" − "30"), through BigInt scaled by a power
 * of ten: money is never turned into a float on its way to the screen.
 */
const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?$/;

function scaled(d: string): { units: bigint; scale: number } {
  const m = DECIMAL.exec(d.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`not a decimal: "${d}"`);
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2] || "0"}${frac}`);
  return { units: m[1] === "-" ? -units : units, scale: frac.length };
}

export function decSub(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  const units = x.units * 10n ** BigInt(scale - x.scale) - y.units * 10n ** BigInt(scale - y.scale);
  const neg = units < 0n;
  let digits = (neg ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return neg ? `-${digits}` : digits;
}
