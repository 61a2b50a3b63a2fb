/**
 * The independent computation the value-report benchmark checks the report against: a
 * window's monetary deciles in one DuckDB statement, straight from the exported order lines,
 * written from the definitions in docs/value.md rather than from the product's code:
 * - a customer's net sales in the window: the sum of the base amounts of their lines dated in
 *   it (a return is a negative line, counted on its own date); contribution margin: the sum
 *   of base amount − base cost over the lines whose cost is known;
 * - the population: the customers with a sale line (not a return) in the window;
 * - rank i = 0 … n−1 by the measure, highest first, ties by customer id ascending; the decile
 *   of rank i is ⌊10·i / n⌋ + 1.
 * Money is DECIMAL(18,6), the store's micro-units, summed exactly and returned in micro-units.
 */

/**
 * The parts of DuckDB's Node client used here. It is not one of the project's dependencies
 * (its registry package has a Linux x64 build only, which a clean `npm ci` of the lock file
 * refuses): install it for this benchmark with `npm install --no-save @duckdb/node-api@1.5.6-r.1`.
 */
export interface DuckDBConnection {
  run(statement: string): Promise<unknown>;
  runAndReadAll(statement: string): Promise<{ getRowObjects(): Array<Record<string, unknown>> }>;
  closeSync(): void;
}
export interface DuckDBInstance {
  connect(): Promise<DuckDBConnection>;
  closeSync(): void;
}
const PACKAGE = "@duckdb/node-api";

/** An in-memory DuckDB; fails with the install command when the client is missing. */
export async function openDuckDB(): Promise<DuckDBInstance> {
  let mod: { DuckDBInstance: { create(path: string): Promise<DuckDBInstance> } };
  try {
    mod = (await import(PACKAGE)) as typeof mod;
  } catch {
    throw new Error(`DuckDB's Node client is not installed; for this benchmark: npm install --no-save ${PACKAGE}@1.5.6-r.1`);
  }
  return mod.DuckDBInstance.create(":memory:");
}

/** The exported columns of order_lines, with DuckDB's types. */
export const LINE_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ["customer_id", "BIGINT"], ["order_id", "BIGINT"], ["line_no", "INTEGER"], ["order_date", "DATE"], ["quantity", "DECIMAL(18,6)"],
  ["base_amount", "DECIMAL(18,6)"], ["base_discount", "DECIMAL(18,6)"], ["base_cost", "DECIMAL(18,6)"], ["is_return", "BOOLEAN"],
];

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** The lines file as a table: Parquet as written, CSV read with the exported types. */
function source(file: string): string {
  if (file.endsWith(".parquet")) return `read_parquet(${quote(file)})`;
  const columns = LINE_COLUMNS.map(([c, t]) => `${quote(c)}: ${quote(t)}`).join(", ");
  return `read_csv(${quote(file)}, header = true, columns = {${columns}})`;
}

/** Deciles (decile, customers, net_sales, margin; money in micro-units as HUGEINT) of the window [from, to]. */
export function decilesSql(o: { file: string; from: string; to: string; by: "sales" | "margin" }): string {
  const measure = o.by === "sales" ? "net_sales" : "margin";
  return `
    with c as (
      select customer_id,
        sum(base_amount) as net_sales,
        coalesce(sum(base_amount - base_cost) filter (where base_cost is not null), 0) as margin
      from ${source(o.file)}
      where order_date between date ${quote(o.from)} and date ${quote(o.to)}
      group by customer_id
      having count(*) filter (where not is_return) > 0
    ),
    r as (select *, row_number() over (order by ${measure} desc, customer_id asc) - 1 as i, count(*) over () as n from c)
    select (10 * i) // n + 1 as decile, count(*) as customers,
      cast(sum(net_sales) * 1000000 as hugeint) as net_sales, cast(sum(margin) * 1000000 as hugeint) as margin
    from r group by all order by decile`;
}

/** Writes the CSV export of the lines as Parquet (zstd), with the exported types. */
export async function csvToParquet(csv: string, parquet: string): Promise<void> {
  const instance = await openDuckDB();
  const con = await instance.connect();
  await con.run(`copy (select * from ${source(csv)}) to ${quote(parquet)} (format parquet, compression zstd)`);
  con.closeSync();
  instance.closeSync();
}
