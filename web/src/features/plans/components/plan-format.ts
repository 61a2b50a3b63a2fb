/** "2026 Q4" for the quarter starting 2026-10-01. */
export const quarterLabel = (start: string) => `${start.slice(0, 4)} Q${(Number(start.slice(5, 7)) + 2) / 3}`;

/** A share of 1 as a percentage with one decimal; "—" when unknown. */
export const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)}%`);

/** The first days of the quarters from the year before `today`'s to the year after. */
export function quarterStarts(today: string): string[] {
  const y = Number(today.slice(0, 4));
  const out: string[] = [];
  for (let year = y - 1; year <= y + 1; year++) for (const m of ["01", "04", "07", "10"]) out.push(`${year}-${m}-01`);
  return out;
}
