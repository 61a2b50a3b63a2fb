import { api } from "../../../api/client";

/**
 * Baskets, sequences and their saved runs. Mirrors the server's BasketReport, SequenceReport
 * and PatternRun (src/http/routes/patterns.routes.ts); what each figure means is in
 * docs/baskets.md and docs/sequences.md.
 */

export type PatternLevel = "product" | "category";
export type ConsequentMode = "single" | "all";

/** A product (by its id) or a category, with the name to show. */
export interface PatternItem {
  key: string;
  label: string;
}

/** Which orders an analysis read: a window of order dates, and optionally one segment of a snapshot. */
export interface PatternScope {
  from: string;
  to: string;
  window: string;
  segment: { asOf: string; scheme: string; segment: string } | null;
}

/** The query every analysis shares; anything left out takes the server's default. */
export interface ScopeQuery {
  /** YYYY-MM-DD; default: the end of the last complete month. */
  asOf?: string;
  /** "12m", "24m", "all"… */
  window?: string;
  level?: PatternLevel;
  /** "scheme:value", e.g. "rfm:champions". */
  segment?: string;
  /** The snapshot's date for the segment (default: the latest). */
  snapshot?: string;
  limit?: number;
}

export interface BasketQuery extends ScopeQuery {
  /** A share of the baskets, 0–1. */
  minSupport?: number;
  minConfidence?: number;
  maxLength?: number;
  consequents?: ConsequentMode;
}

export interface BasketRule {
  antecedent: PatternItem[];
  consequent: PatternItem[];
  /** Baskets with every item of the rule, with the antecedent's, with the consequent's. */
  count: number;
  antecedentCount: number;
  consequentCount: number;
  support: number;
  confidence: number;
  lift: number;
  leverage: number;
  /** null: infinite (confidence 1). */
  conviction: number | null;
}

export interface BasketReport {
  level: PatternLevel;
  scope: PatternScope;
  baskets: number;
  items: number;
  thresholds: { minSupport: number; minCount: number; minConfidence: number; maxLength: number; consequents: ConsequentMode };
  itemsets: number;
  rulesFound: number;
  sort: "lift" | "confidence" | "support";
  /** The most frequent single items. */
  topItems: Array<PatternItem & { count: number; support: number }>;
  rules: BasketRule[];
}

export interface SequenceQuery extends ScopeQuery {
  /** A share of the customers, 0–1. */
  minSupport?: number;
  /** Most days between one purchase of a pattern and the next. */
  maxGap?: number;
  maxLength?: number;
  /** "A then B within N days": the N. */
  withinDays?: number;
}

/** A sequence's purchases in order; each purchase holds one or more items bought together. */
export type Elements = PatternItem[][];

export interface SequencePattern {
  elements: Elements;
  customers: number;
  support: number;
}

export interface SequenceRule {
  antecedent: Elements;
  consequent: Elements;
  customers: number;
  support: number;
  confidence: number;
  lift: number;
}

export interface FollowPair {
  a: PatternItem;
  b: PatternItem;
  /** Customers who bought A early enough to be watched for N days, and of them those who bought B 1…N days after. */
  buyers: number;
  followers: number;
  share: number;
  meanDays: number | null;
  /** Followers by days from A to B: bin k holds k·binDays + 1 … (k + 1)·binDays. */
  histogram: number[];
}

export interface SequenceReport {
  level: PatternLevel;
  scope: PatternScope;
  customers: number;
  events: number;
  thresholds: {
    minSupport: number; minCount: number; maxGap: number | null; minGap: number; maxWindow: number | null;
    maxLength: number; maxSize: number; minConfidence: number; withinDays: number; binDays: number;
  };
  patternsFound: number;
  rulesFound: number;
  pairsFound: number;
  patterns: SequencePattern[];
  rules: SequenceRule[];
  pairs: FollowPair[];
}

export type SaveRunBody = (BasketQuery & { kind: "baskets" }) | (SequenceQuery & { kind: "sequences" });

export interface SavedRun {
  runId: number;
  kind: "baskets" | "sequences";
  /** Rules (baskets) or pairs (sequences) saved. */
  rules: number;
}

export const fetchBasketReport = (q: BasketQuery) => api.get<BasketReport>("/api/reports/baskets", { ...q });

export const fetchSequenceReport = (q: SequenceQuery) => api.get<SequenceReport>("/api/reports/sequences", { ...q });

export const saveRun = (body: SaveRunBody) => api.post<SavedRun>("/api/patterns/runs", body);
