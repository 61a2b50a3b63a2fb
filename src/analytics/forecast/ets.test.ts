import fs from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../demo/rng.ts";
import { holdoutBacktest } from "./accuracy.ts";
import { etsCandidates, etsName, fitEts, forecastEts, normalQuantile, parseEtsSpec, simulateEts, type EtsParams, type EtsStates } from "./ets.ts";
import { nelderMead } from "./optimize.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/forecast/${name}`, import.meta.url));
/** The value column of a fixture CSV (header line, then period,value). */
const series = (name: string) =>
  Float64Array.from(fs.readFileSync(fixture(name), "utf8").trim().split("\n").slice(1).map((line) => Number(line.split(",").at(-1))));
const oil = series("fpp_oil_saudi_1996_2007.csv");
const ausair = series("fpp_ausair_1990_2004.csv");
const livestock = series("fpp_livestock_1970_2000.csv");
const aust = series("fpp_aust_quarterly_2005_2010.csv");
const air = series("air_passengers.csv");

/** numpy's assert_almost_equal(actual, desired, decimal): |actual − desired| < 1.5·10^−decimal. */
function almostEqual(actual: ArrayLike<number>, desired: number[], decimal: number) {
  expect(actual.length).toBe(desired.length);
  for (let i = 0; i < desired.length; i++) expect(Math.abs(actual[i]! - desired[i]!), `index ${i}: ${actual[i]} vs ${desired[i]}`).toBeLessThan(1.5 * 10 ** -decimal);
}
/** numpy's assert_allclose: |actual − desired| ≤ atol + rtol·|desired|. */
function allClose(actual: ArrayLike<number>, desired: number[], rtol: number, atol: number) {
  expect(actual.length).toBe(desired.length);
  for (let i = 0; i < desired.length; i++) expect(Math.abs(actual[i]! - desired[i]!), `index ${i}: ${actual[i]} vs ${desired[i]}`).toBeLessThanOrEqual(atol + rtol * Math.abs(desired[i]!));
}
const NONE = { trend: null, season: null };

describe("Nelder–Mead (optimize.ts)", () => {
  it("finds the minimum of Rosenbrock's function, (1, 1), from the textbook start (−1.2, 1)", () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { steps: [0.1, 0.1], relTolerance: 1e-12, maxEvaluations: 5000 });
    expect(r.converged).toBe(true);
    expect(r.x[0]!).toBeCloseTo(1, 4);
    expect(r.x[1]!).toBeCloseTo(1, 4);
  });

  it("steps around an infeasible side and stays feasible", () => {
    // min (x − 2)² + (y + 1)² subject to x ≤ 1 (Infinity beyond): the minimum is (1, −1).
    const f = (x: Float64Array) => (x[0]! > 1 ? Infinity : (x[0]! - 2) ** 2 + (x[1]! + 1) ** 2);
    const r = nelderMead(f, [1, 0], { steps: [0.5, 0.5], relTolerance: 1e-12, maxEvaluations: 5000, restarts: 3 });
    expect(r.x[0]!).toBeLessThanOrEqual(1);
    expect(r.x[0]!).toBeCloseTo(1, 3);
    expect(r.x[1]!).toBeCloseTo(-1, 3);
  });
});

describe("ETS specs and the automatic set", () => {
  it("reads and writes the usual notations", () => {
    expect(parseEtsSpec("MAdM")).toEqual({ error: "M", trend: "Ad", season: "M" });
    expect(parseEtsSpec("ETS(A,N,N)")).toEqual({ error: "A", trend: "N", season: "N" });
    expect(parseEtsSpec("m,md,n")).toEqual({ error: "M", trend: "Md", season: "N" });
    expect(etsName(parseEtsSpec("MAdM"))).toBe("ETS(M,Ad,M)");
    expect(() => parseEtsSpec("ZZZ")).toThrow(RangeError);
  });

  it("searches R's default set: no additive error with a multiplicative part, no multiplicative trend", () => {
    const names = (s: boolean, p: boolean) => etsCandidates(s, p).map(etsName);
    expect(names(true, true)).toHaveLength(15);
    expect(names(false, true)).toEqual(["ETS(A,N,N)", "ETS(A,A,N)", "ETS(A,Ad,N)", "ETS(M,N,N)", "ETS(M,A,N)", "ETS(M,Ad,N)"]);
    expect(names(true, false)).toEqual(["ETS(A,N,N)", "ETS(A,N,A)", "ETS(A,A,N)", "ETS(A,A,A)", "ETS(A,Ad,N)", "ETS(A,Ad,A)"]);
    expect(names(true, true).filter((m) => m.startsWith("ETS(A") && m.includes("M"))).toEqual([]);
    expect(() => fitEts(air, 12, "AAM")).toThrow(/forbidden/);
    expect(() => fitEts(Float64Array.from([1, 2, -3, 4, 5, 6, 7, 8, 9, 10]), 1, "MNN")).toThrow(/positive/);
    expect(() => fitEts(air.slice(0, 20), 12, "ANA")).toThrow(/two full cycles/);
  });

  it("inverts the normal distribution to table precision", () => {
    // Standard normal tables: z₀.₉ = 1.281552, z₀.₉₇₅ = 1.959964, z₀.₉₉₅ = 2.575829, z₀.₀₀₁ = −3.090232.
    expect(normalQuantile(0.9)).toBeCloseTo(1.281552, 6);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 6);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 6);
  });
});

// statsmodels/tsa/holtwinters/tests/test_holtwinters.py (BSD-3), class TestHoltWinters: the
// fpp examples with fixed parameters. statsmodels writes Holt's trend smoothing β* (bₜ =
// β*(ℓₜ − ℓₜ₋₁) + (1 − β*)bₜ₋₁); the state space β is α·β* (HKOS §2.3), which gives the
// same recursion. Its "legacy-heuristic" initial states are ℓ₀ = y₁ and b₀ = y₂ − y₁ (y₂/y₁
// for the exponential trend): we pass them as fixed initial states.
describe("statsmodels' fixed-parameter Holt-Winters cases", () => {
  it("simple exponential smoothing of Saudi oil, α = 0.2 and 0.6 (test_simple_exp_smoothing)", () => {
    const fit1 = fitEts(oil, 1, "ANN", { fixed: { alpha: 0.2 }, initial: { level: oil[0]!, ...NONE } });
    almostEqual(forecastEts(fit1, 1).mean, [484.802468], 4);
    almostEqual(fit1.levels.slice(1), [
      446.6565229, 448.21987962, 449.7084985, 444.49324656, 446.84886283, 445.59670028,
      441.54386424, 450.26498098, 461.4216172, 474.49569042, 482.45033014, 484.80246797,
    ], 4);
    const fit2 = fitEts(oil, 1, "ANN", { fixed: { alpha: 0.6 }, initial: { level: oil[0]!, ...NONE } });
    almostEqual(forecastEts(fit2, 1).mean, [501.837461], 4);
  });

  it("Holt's linear trend on Australian air passengers, α = 0.8, β* = 0.2 (test_holt, fit1)", () => {
    const fit = fitEts(ausair, 1, "AAN", { fixed: { alpha: 0.8, beta: 0.8 * 0.2 }, initial: { level: ausair[0]!, trend: ausair[1]! - ausair[0]!, season: null } });
    almostEqual(forecastEts(fit, 5).mean, [43.76, 45.59, 47.43, 49.27, 51.1], 2);
    almostEqual(fit.trends!.slice(1), [
      3.617628, 3.59006512, 3.33438212, 3.23657639, 2.69263502, 2.46388914, 2.2229097, 1.95959226,
      1.47054601, 1.3604894, 1.28045881, 1.20355193, 1.88267152, 2.09564416, 1.83655482,
    ], 4);
    // fittedfcast: the one-step forecasts of the 15 years, then of the next.
    almostEqual([...fit.fitted, ...forecastEts(fit, 1).mean], [
      21.8601, 22.032368, 25.48461872, 27.54058587, 30.28813356, 30.26106173, 31.58122149, 32.599234,
      33.24223906, 32.26755382, 33.07776017, 33.95806605, 34.77708354, 40.05535303, 43.21586036, 43.75696849,
    ], 4);
  });

  it("Holt's exponential trend on the same data (test_holt, fit2), as ETS(M,M,N)", () => {
    const fit = fitEts(ausair, 1, "MMN", { fixed: { alpha: 0.8, beta: 0.8 * 0.2 }, initial: { level: ausair[0]!, trend: ausair[1]! / ausair[0]!, season: null } });
    almostEqual(forecastEts(fit, 5).mean, [44.6, 47.24, 50.04, 53.01, 56.15], 2);
  });

  it("R's damped Holt on livestock, φ = 0.98 (test_holt_damp_r: R's states, fitted values and forecasts)", () => {
    // R: ets(livestock, model = "AAN", damped = TRUE, phi = 0.98) estimated α = 0.97402626,
    // β = 0.00010006, ℓ₀ = 252.59039965, b₀ = 6.90265918. statsmodels passes that β as β*
    // and so matches R's trend only to 1e-3; as the state space β it matches to 1e-9.
    const fit = fitEts(livestock, 1, "AAdN", { fixed: { alpha: 0.97402626, beta: 0.00010006, phi: 0.98 }, initial: { level: 252.59039965, trend: 6.90265918, season: null } });
    allClose(fit.levels, [
      252.5903996514365, 263.7992355246843, 268.3623324350207, 261.0312983437606, 266.6590942700923, 277.3958197247272,
      283.8256217863908, 290.2962560621914, 292.5701438129583, 300.7655919939834, 309.2118057241649, 318.2377698496536,
      329.223870936255, 338.7709778307978, 339.3669793596703, 329.0127022356033, 314.7684267018998, 314.5948077575944,
      321.3612035017972, 329.6924360833211, 346.0712138652086, 352.2534120008911, 348.5862874190927, 415.8839400693967,
      417.2018843196238, 417.8435306633725, 412.4857261252961, 412.0647865321129, 395.2500605270393, 401.4367438266322,
      408.1907701386275, 414.1814574903921,
    ], 1e-7, 0);
    allClose(fit.trends!, [
      6.902659175332394, 6.765062519124909, 6.629548973536494, 6.495537532917715, 6.365550989616566, 6.238702070454378,
      6.11396047676353, 5.991730467006233, 5.871526257315264, 5.754346516684953, 5.639547926790058, 5.527116419415724,
      5.417146212898857, 5.309238662451385, 5.202580636191761, 5.096941655567694, 4.993026494493987, 4.89264548621041,
      4.794995106664251, 4.699468310763351, 4.606688340205792, 4.514725879754355, 4.42360016839124, 4.341595902295941,
      4.254462303550087, 4.169010676686062, 4.084660399498803, 4.002512751871354, 3.92033229814673, 3.842166514133902,
      3.76563019420026, 3.690553892582855,
    ], 0, 1e-6);
    allClose(fit.fitted, [
      259.3550056432622, 270.4289967934267, 274.8592904290865, 267.39692512602, 272.8973342399166, 283.5097477537724,
      289.8173030536191, 296.1681519198575, 298.3242395451272, 306.4048515803347, 314.7385626924191, 323.654343940681,
      334.5326742248959, 343.9740317200002, 344.4655083831382, 334.0077050580596, 319.661592666504, 319.3896003340806,
      326.0602987063282, 334.2979150278692, 350.5857684386102, 356.6778433630504, 352.9214155841161, 420.1387040536467,
      421.3712573771029, 421.9291611265248, 416.4886933168049, 415.9872490289468, 399.0919861792231, 405.2020670104834,
      411.8810877289437,
    ], 0, 1e-3);
    allClose(forecastEts(fit, 10).mean, [
      417.7982003051233, 421.3426082635598, 424.8161280628277, 428.2201774661102, 431.556145881327,
      434.8253949282395, 438.0292589942138, 441.1690457788685, 444.2460368278302, 447.2614880558126,
    ], 0, 1e-4);
    // R's mse (print(res$mse)).
    expect(fit.mse).toBeCloseTo(195.4397924865488, 3);
  });

  it("estimates the damped Holt model with φ fixed at least as well as R, with R's criteria", () => {
    // R's criteria for that fit: AICc 282.386426659408 and BIC 287.1563626818338 (in the same
    // test), from its lik = n·log(n·mse) with k = 4 estimated + σ: hand-checked below.
    const n = 31;
    const lik = n * Math.log(n * 195.4397924865488);
    expect(lik + 2 * 5 + (2 * 5 * 6) / (n - 5 - 1)).toBeCloseTo(282.386426659408, 9);
    expect(lik + 5 * Math.log(n)).toBeCloseTo(287.1563626818338, 9);
    const fit = fitEts(livestock, 1, "AAdN", { fixed: { phi: 0.98 } });
    expect(fit.k).toBe(5);
    expect(fit.aicc).toBeLessThanOrEqual(282.386426659408 + 1e-6);
    expect(fit.aicc).toBeGreaterThan(282.2);
    // statsmodels' least-squares fit of the same model (test_holt_damp_fit): α 0.98, ℓ₀ 257.36, b₀ 6.64.
    expect(fit.params.alpha).toBeCloseTo(0.98, 1);
    expect(fit.initial.level).toBeCloseTo(257.36, 0);
    expect(fit.initial.trend!).toBeCloseTo(6.64, 1);
  });

  it("Holt-Winters multiplicative on Australian visitor nights (test_predict / test_ndarray)", () => {
    // statsmodels' optimum is its start_params: α, β*, γ* ≈ 0, so the model is the line
    // ℓ₀ + t·b₀ times the four seasonal indices; its forecasts are published to 3 decimals.
    const a = 1.5520372162082909e-9;
    const fit = fitEts(aust, 4, "MAM", {
      fixed: { alpha: a, beta: a * 2.066338221674873e-18, gamma: 1.727109018250519e-9 },
      initial: { level: 50.568333479425036, trend: 0.9129273810171223, season: Float64Array.from([0.83535867, 0.50297119, 0.62439273, 0.67723128]) },
    });
    almostEqual(forecastEts(fit, 4).mean, [61.3083, 37.373, 46.9652, 51.5578], 3);
    // By hand: (50.568333 + 25·0.912927)·0.835359 = 61.3083.
    expect((50.568333479425036 + 25 * 0.9129273810171223) * 0.83535867).toBeCloseTo(61.3083, 3);
  });
});

// statsmodels' test_simulate_expected_r: R's forecast::simulate(ets(austourists, …), innov)
// from each fitted model's final state (fpp2 data; R's parameters and states as published there).
describe("R's simulations from fitted states", () => {
  const innov = Float64Array.from([1.76405235, 0.40015721, 0.97873798, 2.2408932]);
  // model, α, β, γ, φ, ℓ, b, s1 … s4 (s1 the most recent), R's four simulated values.
  type Row = [string, number, number | null, number | null, number | null, number, number | null, number[] | null, number[]];
  const rows: Row[] = [
    ["AAdA", 0.35445427317618, 0.0320074905894167, 0.399933869627979, 0.979999965983533, 62.003405788717, 0.706524957599738, [3.58786406600866, -0.0747450283892903, -11.7569356589817, 13.3818805055271], [77.84173, 52.69818, 65.83254, 71.85204]],
    ["MAdA", 0.31114284033284, 0.0472138763848083, 0.309502324693322, 0.870889202791893, 59.2902342851514, 0.62538315801909, [5.66660224738038, 2.16097311633352, -9.20020909069337, 15.3505801601698], [207.81653, 136.977, 253.56234, 588.958]],
    ["MAdM", 0.483975835390643, 0.00351728130401287, 0.00011309784353818, 0.979999998322032, 63.0042707536293, 0.275035160634846, [1.03531670491486, 0.960515682506077, 0.770086097577864, 1.23412213281709], [215.83822, 127.17132, 269.09483, 704.32105]],
    ["MMdM", 0.523526123191035, 0.000100021136675999, 0.000100013723372502, 0.971025672907157, 63.2030316675533, 1.00458391644788, [1.03476354353096, 0.959953222294316, 0.771346403552048, 1.23394845160922], [216.52591, 132.47637, 283.04889, 759.08043]],
    ["AAdN", 0.014932817259302, 0.0149327068053362, null, 0.979919958387887, 60.0651024395378, 0.699112782133822, null, [62.51423, 61.87381, 63.14735, 65.1136]],
    ["MAdN", 0.0144217343786778, 0.0144216994589862, null, 0.979999719878659, 60.1870032363649, 0.698421913047609, null, [168.25189, 90.46201, 133.54769, 232.81738]],
    ["MMdN", 0.015489181776072, 0.0154891632646377, null, 0.975139118496093, 60.1855946424729, 1.00999589024928, null, [167.97747, 90.59675, 134.203, 235.64502]],
    ["AAA", 0.20281951627363, 0.000169786227368617, 0.464523797585052, null, 62.5598121416791, 0.578091734736357, [2.61176734723357, -1.24386240029203, -12.9575427049515, 12.2066400808086], [77.1086, 51.51669, 64.46857, 70.36349]],
    ["MAA", 0.416371920801538, 0.000100008012920072, 0.352943901103959, null, 62.0497742976079, 0.450130087198346, [3.50368220490457, -0.0544297321113539, -11.6971093199679, 13.1974985095916], [209.23158, 149.62943, 270.65579, 637.03828]],
    ["ANA", 0.54216694759434, null, 0.392030170511872, null, 57.606831186929, null, [8.29613785790501, 4.6033791939889, -7.43956343440823, 17.722316385643], [77.0932, 51.52384, 64.36231, 69.84786]],
    ["MNA", 0.532842556756286, null, 0.346387433608713, null, 58.0372808528325, null, [7.70802088750111, 4.14885814748503, -7.72115936226225, 17.1674660340923], [207.86986, 169.42706, 313.9796, 793.97948]],
    ["MAM", 0.315621390571192, 0.000100011993615961, 0.000100051297784532, null, 62.4082004238551, 0.513327867101983, [1.03713425342421, 0.959607104686072, 0.770172817592091, 1.23309264451638], [214.4575, 106.19605, 211.61304, 492.12223]],
    ["MMM", 0.546068965886, 0.0737816453485457, 0.000100031693302807, null, 63.8203866275649, 1.01833305374778, [1.03725227137871, 0.961177239042923, 0.771173487523454, 1.23036313932852], [221.01861, 158.55914, 403.22625, 1389.33384]],
    ["MNM", 0.608993139624813, null, 0.000167258612971303, null, 63.1472153330648, null, [1.0384840572776, 0.961456755855531, 0.768427399477366, 1.23185085956321], [215.00997, 140.93035, 309.92465, 875.07985]],
    ["AAN", 0.0097430554119077, 0.00974302759255084, null, null, 61.1430969243248, 0.759041621012503, null, [63.66619, 63.09571, 64.45832, 66.51967]],
    ["MAN", 0.0101749952821338, 0.0101749138539332, null, null, 61.6020426238699, 0.761407500773051, null, [172.37584, 91.51932, 134.11221, 230.9897]],
    ["MMN", 0.0664382968951546, 0.000100001678373356, null, null, 60.7206911970871, 1.01221899136391, null, [169.88595, 97.33527, 142.97017, 252.51834]],
    ["ANN", 0.196432515825523, null, null, null, 58.7718395431632, null, null, [60.53589, 59.51851, 60.1757, 61.63011]],
    ["MNN", 0.205985314333856, null, null, null, 58.9770839944419, null, null, [163.01575, 112.58317, 172.21992, 338.93918]],
  ];
  it.each(rows)("ETS %s", (model, alpha, beta, gamma, phi, level, trend, s, expected) => {
    const params: EtsParams = { alpha, beta, gamma, phi };
    // Our season lists the next period's index first: R's s4, s3, s2, s1.
    const state: EtsStates = { level, trend, season: s ? Float64Array.from([...s].reverse()) : null };
    almostEqual(simulateEts(model, 4, params, state, innov), expected, 4);
  });
});

describe("R's ETS fits of AirPassengers (the same series as air_passengers.csv)", () => {
  it("reproduces R's criteria at R's estimates of ETS(M,Ad,M)", () => {
    // print(ets(AirPassengers)) in forecast 8.x, as shown in many tutorials: ETS(M,Ad,M),
    // α 0.7095519, β 0.02040892, γ 0.0001004683, φ 0.9799999, ℓ 120.9939, b 1.77054,
    // s[0] … s[−11] below, σ 0.0392, AIC 1395.166, AICc 1400.638, BIC 1448.623.
    const s = [0.8944475, 0.799322, 0.9216596, 1.059202, 1.220301, 1.231799, 1.1105, 0.9786128, 0.9803821, 1.01103, 0.8868923, 0.9058524];
    const fit = fitEts(air, 12, "MAdM", {
      fixed: { alpha: 0.7095519, beta: 0.02040892, gamma: 0.0001004683, phi: 0.9799999 },
      initial: { level: 120.9939, trend: 1.77054, season: Float64Array.from(s.reverse()) },
    });
    // R counts the 17 estimated parameters and states and σ: k = 18.
    const aic = fit.lik + 2 * 18;
    expect(aic).toBeCloseTo(1395.166, 1);
    expect(aic + (2 * 18 * 19) / (144 - 18 - 1)).toBeCloseTo(1400.638, 1);
    expect(fit.sigma).toBeCloseTo(0.0392, 4);
  });

  it("matches R's simple exponential smoothing and finds at least its likelihood", () => {
    // ses(airpass) (fma's copy of AirPassengers): α 0.9999, ℓ 111.9892, σ 33.8299,
    // AIC 1733.787, AICc 1733.958, BIC 1742.696 (rpubs.com 589678 walkthrough).
    const atR = fitEts(air, 12, "ANN", { fixed: { alpha: 0.9999 }, initial: { level: 111.9892, ...NONE } });
    expect(atR.lik + 2 * 3).toBeCloseTo(1733.787, 2);
    const fit = fitEts(air, 12, "ANN");
    expect(fit.aic).toBeLessThanOrEqual(1733.787 + 0.001);
    expect(fit.aicc).toBeCloseTo(1733.958, 2);
    expect(fit.bic).toBeCloseTo(1742.696, 2);
    expect(fit.sigma).toBeCloseTo(33.8299, 3);
  });

  it("fits ETS(M,Ad,M) to at least R's likelihood", () => {
    const fit = fitEts(air, 12, "MAdM");
    expect(fit.k).toBe(18);
    expect(fit.aicc).toBeLessThanOrEqual(1400.638);
    expect(fit.params.phi!).toBeGreaterThanOrEqual(0.8);
    expect(fit.params.phi!).toBeLessThanOrEqual(0.98);
    expect(fit.params.gamma!).toBeLessThanOrEqual(1 - fit.params.alpha);
  });

  it("selects by AICc a trended multiplicative Holt-Winters model and beats the seasonal naive forecast on 1960", () => {
    const fit = fitEts(air, 12, "auto");
    expect(fit.candidates).toHaveLength(15);
    // R picks ETS(M,Ad,M) at AICc 1400.638; our search may end higher on ETS(M,A,M) (docs/forecast.md).
    expect(["ETS(M,A,M)", "ETS(M,Ad,M)"]).toContain(fit.model);
    expect(fit.aicc).toBeLessThanOrEqual(1400.638);
    const best = Math.min(...fit.candidates.map((c) => c.aicc ?? Infinity));
    expect(fit.aicc).toBe(best);
    const bt = holdoutBacktest(air, 12, 12, (train, h) => forecastEts(fitEts(train, 12, "auto"), h).mean);
    // Seasonal naive on 1960 repeats 1959: recomputed here by hand from the data.
    let naiveAbs = 0;
    for (let j = 0; j < 12; j++) naiveAbs += Math.abs(air[132 + j]! - air[120 + j]!) / 12;
    expect(bt.seasonalNaive.mae).toBeCloseTo(naiveAbs, 10);
    expect(bt.model.mase).toBeLessThan(bt.seasonalNaive.mase);
    expect(bt.model.smape).toBeLessThan(bt.seasonalNaive.smape);
    expect(bt.model.smape).toBeGreaterThan(0);
    expect(bt.model.smape).toBeLessThan(6);
  });
});

describe("Prediction intervals", () => {
  it("gives the class 1 variance of HKOS table 6.1, which simulation agrees with", () => {
    const fit = fitEts(aust, 4, "AAA");
    const h = 8;
    const analytic = forecastEts(fit, h);
    expect(analytic.intervals).toBe("analytic");
    // By hand from table 6.1: v₂ = σ²(1 + (α + β)²); v₅ adds c₂², c₃², c₄² with c₄ = α + 4β + γ.
    const { alpha: a, beta, gamma } = fit.params;
    const b = beta!;
    const g = gamma!;
    const z = 1.959963984540054;
    const sd2 = fit.sigma * Math.sqrt(1 + (a + b) ** 2);
    expect(analytic.upper[1]![1]! - analytic.mean[1]!).toBeCloseTo(z * sd2, 9);
    const sd5 = fit.sigma * Math.sqrt(1 + (a + b) ** 2 + (a + 2 * b) ** 2 + (a + 3 * b) ** 2 + (a + 4 * b + g) ** 2);
    expect(analytic.upper[1]![4]! - analytic.mean[4]!).toBeCloseTo(z * sd5, 9);
    // The same model simulated (20,000 paths): quantiles within 3% of the interval's half-width.
    const sim = forecastEts(fit, h, [80, 95], { simulate: true, paths: 20000, seed: 3 });
    expect(sim.intervals).toBe("simulated");
    for (let li = 0; li < 2; li++) {
      for (let i = 0; i < h; i++) {
        const half = analytic.upper[li]![i]! - analytic.mean[i]!;
        expect(Math.abs(sim.upper[li]![i]! - analytic.upper[li]![i]!)).toBeLessThan(0.03 * half + 0.02 * fit.sigma);
        expect(Math.abs(sim.lower[li]![i]! - analytic.lower[li]![i]!)).toBeLessThan(0.03 * half + 0.02 * fit.sigma);
      }
    }
  });

  it("simulates the intervals of the other models, reproducibly from the seed", () => {
    const fit = fitEts(air, 12, "MAM", { starts: 1 });
    const a = forecastEts(fit, 12, [80, 95], { seed: 7 });
    const b = forecastEts(fit, 12, [80, 95], { seed: 7 });
    expect(a.intervals).toBe("simulated");
    expect([...a.lower[1]!]).toEqual([...b.lower[1]!]);
    for (let i = 0; i < 12; i++) {
      expect(a.lower[0]![i]!).toBeLessThan(a.mean[i]!);
      expect(a.upper[0]![i]!).toBeGreaterThan(a.mean[i]!);
    }
  });

  it("nest (80% inside 95%) and, for class 1 models, widen with the horizon (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 10, max: 1000, noNaN: true }), { minLength: 16, maxLength: 40 }),
        fc.constantFrom("ANN", "AAN", "AAdN", "ANA", "AAA", "MNN", "MAN", "MNM"),
        (values, model) => {
          const y = Float64Array.from(values);
          const fit = fitEts(y, 4, model, { starts: 1, maxEvaluations: 400 });
          const f = forecastEts(fit, 9, [80, 95], { paths: 500 });
          for (let i = 0; i < 9; i++) {
            expect(f.lower[1]![i]!).toBeLessThanOrEqual(f.lower[0]![i]!);
            expect(f.upper[0]![i]!).toBeLessThanOrEqual(f.upper[1]![i]!);
            expect(f.lower[0]![i]!).toBeLessThanOrEqual(f.upper[0]![i]!);
            if (f.intervals === "analytic") {
              expect(f.lower[0]![i]!).toBeLessThanOrEqual(f.mean[i]!);
              if (i > 0) expect(f.upper[1]![i]! - f.mean[i]!).toBeGreaterThanOrEqual(f.upper[1]![i - 1]! - f.mean[i - 1]! - 1e-9);
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("Fits of simulated series with known parameters", () => {
  /** Gaussian errors from the demo generator (independent of the generator in ets.ts). */
  const errors = (seed: number, n: number, sd: number) => {
    const r = new Rng(seed, 0, 11);
    return Float64Array.from({ length: n }, () => r.normal(0, sd));
  };

  it("recovers ETS(A,A,A) roughly, and the search finds its trend and additive season", () => {
    const truth: EtsParams = { alpha: 0.3, beta: 0.05, gamma: 0.2, phi: null };
    const state: EtsStates = { level: 100, trend: 1, season: Float64Array.from([8, -4, -10, 6]) };
    let right = 0;
    const alphas: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const y = simulateEts("AAA", 4, truth, state, errors(seed, 100, 2));
      const fit = fitEts(y, 4, "AAA");
      alphas.push(fit.params.alpha);
      expect(Math.abs(fit.params.alpha - 0.3)).toBeLessThan(0.25);
      expect(Math.abs(fit.params.gamma! - 0.2)).toBeLessThan(0.3);
      expect(fit.sigma).toBeGreaterThan(1.5);
      expect(fit.sigma).toBeLessThan(2.5);
      const auto = fitEts(y, 4, "auto");
      if (auto.spec.season === "A" && auto.spec.trend !== "N") right++;
    }
    expect(Math.abs(alphas.reduce((a, b) => a + b) / alphas.length - 0.3)).toBeLessThan(0.1);
    expect(right).toBeGreaterThanOrEqual(7);
  });

  it("recovers ETS(M,N,N) roughly, and the search finds a model without trend or season", () => {
    const truth: EtsParams = { alpha: 0.4, beta: null, gamma: null, phi: null };
    let right = 0;
    let multiplicative = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const y = simulateEts("MNN", 1, truth, { level: 500, ...NONE }, errors(100 + seed, 120, 0.05));
      const fit = fitEts(y, 1, "MNN");
      expect(Math.abs(fit.params.alpha - 0.4)).toBeLessThan(0.2);
      expect(Math.abs(fit.sigma - 0.05)).toBeLessThan(0.015);
      const auto = fitEts(y, 1, "auto");
      if (auto.spec.trend === "N" && auto.spec.season === "N") right++;
      if (auto.spec.error === "M") multiplicative++;
    }
    expect(right).toBeGreaterThanOrEqual(7);
    expect(multiplicative).toBeGreaterThanOrEqual(5);
  });
});
