/**
 * A campaign's or a contact plan's effect against its control group, as the server sends it
 * (src/retention/campaigns/outcomes.ts, MeasuredEffect; definitions in docs/campaigns.md).
 */
export type Interval = [number, number] | null;

export interface Mean {
  treated: number;
  control: number;
  difference: number;
  interval: Interval;
  incremental: number;
  incrementalInterval: Interval;
}

export interface GroupTotals {
  customers: number;
  purchasers: number;
  revenue: string;
  margin: string | null;
}

export interface Effect {
  contacted: number;
  control: number;
  response: Mean;
  revenue: Mean;
  margin: Mean | null;
  cost: number;
  roi: { value: number; interval: Interval } | null;
  window: { from: string; to: string };
  contactedTotals: GroupTotals;
  controlTotals: GroupTotals;
  marginCoverage: number | null;
}
