import { api } from "../../../api/client";

/** Mirrors the server's ComplaintAnalysis (src/http/routes/complaint-analysis.routes.ts); definitions in docs/complaints.md. */
export const GROUPS = ["resolved", "unresolved", "noComplaint"] as const;
export type RepurchaseGroup = (typeof GROUPS)[number];
export type Interval = [number, number];

export interface Count {
  /** null: no category, no product named, root cause not yet determined. */
  key: string | null;
  complaints: number;
  customers: number;
  /** Complaints per month of the period, in the order of `byMonth`. */
  months: number[];
}

export interface GroupFigures {
  group: RepurchaseGroup;
  customers: number;
  repurchased: number;
  rate: number | null;
  /** Wilson's 95% interval. */
  interval: Interval | null;
}

export interface RateDifference {
  a: RepurchaseGroup;
  b: RepurchaseGroup;
  difference: number | null;
  /** Newcombe's 95% interval. */
  interval: Interval | null;
}

type Range = { from: string; to: string };

export interface ClockCounts {
  met: number;
  missed: number;
  /** Still running, past the target. */
  breached: number;
  /** Still within the target. */
  running: number;
  /** Not recorded (an imported complaint's first response). */
  unknown: number;
  /** met ÷ (met + missed + breached). */
  attainment: number | null;
}

export interface ComplaintAnalysis {
  asOf: string;
  windowDays: number;
  period: Range & { months: number };
  volumes: {
    complaints: number;
    customers: number;
    byCategory: Count[];
    byChannel: Count[];
    bySeverity: Count[];
    byProduct: Count[];
    /** By top-level root cause of the settings' tree. */
    byRootCause: Count[];
    /** By the node recorded, with its top-level cause. */
    byRootCauseNode: Array<Count & { top: string | null }>;
    byMonth: Array<{ month: string; complaints: number }>;
  };
  resolution: {
    complaints: number;
    resolved: number;
    closed: number;
    open: number;
    resolvedShare: number | null;
    undated: number;
    medianDays: number | null;
    p90Days: number | null;
    meanDays: number | null;
  };
  /** SLA attainment: each clock read at the end of the as-of day. */
  serviceLevels: {
    at: string;
    complaints: number;
    firstResponse: ClockCounts;
    resolution: ClockCounts;
    bySeverity: Array<{ severity: string; complaints: number; firstResponse: ClockCounts; resolution: ClockCounts }>;
  };
  /** Compensation given in recovery (decimal strings, base currency). */
  recoveryCost: {
    cases: number;
    compensated: number;
    total: string;
    meanPerCompensated: string | null;
    byKind: Array<{ kind: string; items: number; total: string }>;
    byCategory: Array<{ key: string | null; cases: number; compensated: number; total: string }>;
  };
  repurchase: {
    windowDays: number;
    complainers: number;
    incomplete: number;
    resolvedLate: number;
    undatedResolved: number;
    groups: GroupFigures[];
    differences: RateDifference[];
    complainersOpened: Range | null;
    reference: string;
    noComplaintBought: Range;
    noComplaintRepurchase: Range;
  };
}

export interface ComplaintAnalysisQuery {
  /** YYYY-MM-DD; default: the end of the last complete month. */
  asOf?: string;
  windowDays: number;
}

export const fetchComplaintAnalysis = (q: ComplaintAnalysisQuery) => api.get<ComplaintAnalysis>("/api/complaints/analysis", { ...q });
