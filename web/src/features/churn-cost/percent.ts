/**
 * Shares typed as percentages ("37.36") and sent as fractions ("0.3736"): the decimal point
 * moves, the digits stay, so a value the user typed reaches the server exactly.
 */
export function shiftPoint(d: string, places: number): string {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?$/.exec(d.trim());
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return d;
  let digits = `${m[2]}${m[3] ?? ""}`;
  let point = (m[2] ?? "").length + places;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const frac = digits.slice(point).replace(/0+$/, "");
  const sign = m[1] === "-" && /[1-9]/.test(digits) ? "-" : "";
  return `${sign}${int}${frac ? `.${frac}` : ""}`;
}

export const toPercent = (fraction: string): string => shiftPoint(fraction, 2);
export const toFraction = (percent: string): string => shiftPoint(percent, -2);
