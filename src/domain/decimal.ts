/**
 * Exact arithmetic on decimal strings ("12.50", "-3", "0.1"), through BigInt scaled by a
 * power of ten. Used where the store's `numeric` would give the same result but the value
 * must be known before it reaches the store (bulk COPY). Results are plain decimal strings
 * without exponent; trailing fractional zeros are kept as the scale gives them (like numeric).
 */
interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?$/;

function scaled(d: string): Scaled {
  const m = DECIMAL.exec(d);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new RangeError(`not a decimal: "${d}"`);
  const frac = m[3] ?? "";
  const units = BigInt(`${m[2] || "0"}${frac}`);
  return { units: m[1] === "-" ? -units : units, scale: frac.length };
}

function text({ units, scale }: Scaled): string {
  const neg = units < 0n;
  let digits = (neg ? -units : units).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, "0");
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  }
  return neg ? `-${digits}` : digits;
}

const align = (a: Scaled, scale: number): bigint => a.units * 10n ** BigInt(scale - a.scale);

export function decMul(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  return text({ units: x.units * y.units, scale: x.scale + y.scale });
}

export function decAdd(a: string, b: string): string {
  const x = scaled(a);
  const y = scaled(b);
  const scale = Math.max(x.scale, y.scale);
  return text({ units: align(x, scale) + align(y, scale), scale });
}

export function decSub(a: string, b: string): string {
  return decAdd(a, b.startsWith("-") ? b.slice(1) : `-${b}`);
}

/** −1, 0 or 1. */
export function decSign(a: string): -1 | 0 | 1 {
  const u = scaled(a).units;
  return u < 0n ? -1 : u > 0n ? 1 : 0;
}

/** −a, as text: "-0", "0.00" and the like stay unsigned. */
export function decNegate(a: string): string {
  if (a.startsWith("-")) return a.slice(1);
  return /^\+?0*\.?0*$/.test(a) ? a.replace(/^\+/, "") : `-${a.replace(/^\+/, "")}`;
}

/** a ÷ n for a whole n > 0, with exactly `places` decimals, rounded half away from zero: "100" ÷ 3 to 2 places is "33.33". */
export function decDivInt(a: string, n: number, places: number): string {
  if (!(Number.isSafeInteger(n) && n > 0)) throw new RangeError(`not a positive whole divisor: ${n}`);
  const x = scaled(a);
  const neg = x.units < 0n;
  const num = (neg ? -x.units : x.units) * 10n ** BigInt(places);
  const den = BigInt(n) * 10n ** BigInt(x.scale);
  const q = (num * 2n + den) / (2n * den);
  return text({ units: neg ? -q : q, scale: places });
}

/** Micro-units (10⁻⁶, as the store keeps money in its aggregates) as an exact decimal string: 12500000n → "12.5", -1n → "-0.000001". */
export function microsText(m: bigint): string {
  const neg = m < 0n;
  const a = neg ? -m : m;
  const frac = String(a % 1_000_000n).padStart(6, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${a / 1_000_000n}${frac ? `.${frac}` : ""}`;
}
