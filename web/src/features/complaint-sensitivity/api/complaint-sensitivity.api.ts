import { api } from "../../../api/client";
import type { GroupFigures } from "../../complaint-analysis/api/complaint-analysis.api";

/** Mirrors the server's ComplaintSensitivity (src/http/routes/complaint-sensitivity.routes.ts); definitions in docs/complaints.md. */
export const INPUTS = ["customers", "problemShare", "complainShare", "resolvedShare", "rNone", "rSilent", "rResolved", "rUnresolved", "salesPerCustomer"] as const;
export type InputName = (typeof INPUTS)[number];
export type InputSource = "measured" | "derived" | "assumed" | "given";
/** Shares and rates, shown as percentages. */
export const SHARES: ReadonlySet<InputName> = new Set(["problemShare", "complainShare", "resolvedShare", "rNone", "rSilent", "rResolved", "rUnresolved"]);

/** Exact decimal text. */
type Figure = string;
type Range = { from: string; to: string };

export type Inputs = Record<InputName, string>;

export interface Programme {
  name: string;
  problemShare?: string;
  complainShare?: string;
  resolvedShare?: string;
  cost?: string | null;
}

export interface ByGroup {
  silent: Figure;
  resolved: Figure;
  unresolved: Figure;
  total: Figure;
}

export interface Scenario {
  problemShare: Figure;
  complainShare: Figure;
  resolvedShare: Figure;
  problemCustomers: Figure;
  lostCustomers: ByGroup;
  lostSales: ByGroup;
}

export interface ProgrammeOutcome extends Scenario {
  name: string;
  recoveredCustomers: Figure;
  recoveredSales: Figure;
  recoveredShare: number | null;
  cost: Figure | null;
  net: Figure | null;
  returnOnCost: number | null;
}

export interface SensitivityResult {
  baseline: Scenario;
  programmes: ProgrammeOutcome[];
}

export interface ComplaintSensitivity {
  currency: string;
  asOf: string;
  windowDays: number;
  period: Range & { months: number };
  previousPeriod: Range;
  measured: {
    customers: number;
    complained: number;
    complainedShare: Figure | null;
    problemShareCapped: boolean;
    groups: GroupFigures[];
    complainersOpened: Range | null;
    noComplaintBought: Range;
    noComplaintRepurchase: Range;
    retained: number;
    retainedNetSales: Figure;
    netSales: Figure;
    salesBasis: "retained" | "buyers" | "none";
  };
  inputs: Record<InputName, { value: string | null; source: InputSource; basis: string }>;
  missing: InputName[];
  programmes: Programme[];
  result: SensitivityResult | null;
}

export interface SensitivityQuery {
  /** YYYY-MM-DD; default: the end of the last complete month. */
  asOf?: string;
  windowDays: number;
  /** c as a fraction; p is derived from it. */
  complainShare?: string;
}

export const fetchSensitivity = (q: SensitivityQuery) => api.get<ComplaintSensitivity>("/api/complaints/sensitivity", { ...q });
export const runSensitivity = (body: { inputs: Inputs; programmes: Programme[] }) => api.post<SensitivityResult>("/api/complaints/sensitivity", body);
