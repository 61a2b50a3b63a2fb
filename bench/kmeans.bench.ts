/**
 * k-means on 1,000,000 customers × 8 features, k = 6 (src/analytics/cluster/kmeans.ts), and
 * the sampled silhouette of the result (silhouette.ts). Prints the times; not an npm script.
 *
 *   node --import tsx bench/kmeans.bench.ts [--rows 1000000] [--k 6] [--nstart 10] [--seed 7] [--full-starts]
 *
 * Timed: the standardisation alone; kmeans() as a page calls it (standardise, nstart starts
 * compared on a 50,000-row sample, the best refined on all rows); the same with nstart = 1;
 * with --full-starts, every start run on all rows (startRows = Infinity), to compare the
 * optimum reached; the silhouette on its 2,000-row sample.
 *
 * Data: six customer segments in equal shares, each with its own typical order count, net
 * sales, average basket, discount share, days since the last order, tenure, return share and
 * complaints; counts and money are log-normal around the segment's value (so the segments
 * overlap), shares are clipped to [0, 1]. The five money and count columns are log1p'd.
 */
import { parseArgs } from "node:util";
import { kmeans } from "../src/analytics/cluster/kmeans.ts";
import type { FeatureMatrix } from "../src/analytics/cluster/matrix.ts";
import { seededRandom, type Random } from "../src/analytics/cluster/random.ts";
import { silhouette } from "../src/analytics/cluster/silhouette.ts";
import { standardize } from "../src/analytics/cluster/standardize.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    k: { type: "string", default: "6" },
    nstart: { type: "string", default: "10" },
    seed: { type: "string", default: "7" },
    "full-starts": { type: "boolean", default: false },
  },
});
const n = Number(values.rows);
const k = Number(values.k);
const nstart = Number(values.nstart);
const seed = Number(values.seed);

function normal(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The simulated customers. */
function customers(n: number, random: Random): FeatureMatrix {
  // orders, netSales, basket, discountShare, recencyDays, tenureDays, returnShare, complaints
  const segments = [
    [12, 9000, 750, 0.05, 20, 1500, 0.02, 0.3],
    [4, 1200, 300, 0.1, 60, 700, 0.04, 0.2],
    [2, 300, 150, 0.45, 200, 400, 0.06, 0.1],
    [1, 90, 90, 0.2, 500, 600, 0.1, 0.6],
    [6, 2500, 420, 0.3, 35, 300, 0.03, 0.1],
    [25, 30000, 1200, 0.02, 10, 2500, 0.01, 1.5],
  ];
  const names = ["orders", "netSales", "basket", "discountShare", "recencyDays", "tenureDays", "returnShare", "complaints"];
  const columns = names.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const s = segments[i % segments.length]!;
    for (let f = 0; f < names.length; f++) {
      const mu = s[f]!;
      const v = f === 3 || f === 6 ? Math.min(1, Math.max(0, mu + 0.08 * normal(random))) : mu * Math.exp(0.5 * normal(random));
      columns[f]![i] = f === 0 || f === 7 ? Math.round(v) : v;
    }
  }
  return { n, names, columns };
}

// Wall time, and in brackets the process's CPU time (user + system), which a busy machine inflates less.
const clock = () => ({ wall: performance.now(), cpu: process.cpuUsage() });
const ms = (a: ReturnType<typeof clock>, b: ReturnType<typeof clock>) => {
  const cpuNow = b.cpu.user - a.cpu.user + b.cpu.system - a.cpu.system;
  return `${((b.wall - a.wall) / 1000).toFixed(2)} s (CPU ${(cpuNow / 1e6).toFixed(2)} s)`;
};
const t0 = clock();
const m = customers(n, seededRandom(seed));
const t1 = clock();
console.log(`data: ${n.toLocaleString("en")} rows × ${m.names.length} features, generated in ${ms(t0, t1)}`);
const scale = { log1p: ["orders", "netSales", "basket", "recencyDays", "complaints"] };
const { data } = standardize(m, scale);
const t2 = clock();
console.log(`standardise (log1p on 5 columns, z-scores): ${ms(t1, t2)}`);
const fit = kmeans(m, k, { random: seededRandom(seed + 1), nstart, scale });
const t3 = clock();
console.log(
  `kmeans k=${k} nstart=${nstart} (starts on ${fit.startRows.toLocaleString("en")} rows): ${ms(t2, t3)} in all; ` +
    `within/total ${(fit.totWithinSS / fit.totalSS).toFixed(6)}; sizes ${fit.sizes.join(", ")}; refined in ${fit.iterations} iterations, converged ${fit.converged}`,
);
const one = kmeans(m, k, { random: seededRandom(seed + 1), nstart: 1, scale });
const t4 = clock();
console.log(`kmeans k=${k} nstart=1: ${ms(t3, t4)}; within/total ${(one.totWithinSS / one.totalSS).toFixed(6)}; ${one.iterations} iterations, converged ${one.converged}`);
if (values["full-starts"]) {
  const full = kmeans(m, k, { random: seededRandom(seed + 1), nstart, scale, startRows: Infinity });
  const t5 = clock();
  console.log(`kmeans k=${k} nstart=${nstart}, every start on all rows: ${ms(t4, t5)}; within/total ${(full.totWithinSS / full.totalSS).toFixed(6)}; starts ${full.starts.map((s) => (s / full.totalSS).toFixed(4)).join(" ")}`);
}
const t6 = clock();
const sil = silhouette(data, fit.assignment, k, { random: seededRandom(seed + 2) });
const t7 = clock();
console.log(`silhouette on a sample of ${sil.rows.length.toLocaleString("en")} rows: ${sil.average.toFixed(4)} in ${ms(t6, t7)}`);
