/**
 * The customer list's filters and sort, as they live in the URL query string (so a view can
 * be bookmarked, shared and saved) and as they go to GET /api/customers.
 */
import type { CustomerKind, CustomerState } from "../api/types";

export const SORT_KEYS = ["name", "lastPurchase", "sales", "orders", "createdAt"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface CustomerFilters {
  q?: string;
  state: CustomerState[];
  kind?: CustomerKind;
  tag: string[];
  /** A user id, or "none" for customers without an owner. */
  ownerId?: string;
  lastPurchaseFrom?: string;
  lastPurchaseTo?: string;
  minSales?: string;
  maxSales?: string;
  /** Churn probability at least this, P(alive) at most this, in the latest prediction run: shares 0–1 as the API reads them. */
  minChurn?: string;
  maxAlive?: string;
  sort?: SortKey;
  order?: "asc" | "desc";
}

/** The URL parameters the list understands; anything else in the URL is left alone. */
export const FILTER_PARAMS = [
  "q", "state", "kind", "tag", "ownerId", "lastPurchaseFrom", "lastPurchaseTo", "minSales", "maxSales", "minChurn", "maxAlive", "sort", "order",
] as const;

const list = (v: string | null) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : []);
const text = (v: string | null) => (v && v.trim() ? v.trim() : undefined);
const oneOf = <T extends string>(v: string | null, allowed: readonly T[]) => allowed.find((a) => a === v);

/** A share from 0 to 1 ("0.5"), as written in the URL; anything else is dropped. */
const share = (v: string | null) => {
  const s = text(v);
  return s !== undefined && /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(s) ? s : undefined;
};

const STATES: readonly CustomerState[] = ["potential", "target", "current", "churned", "non_customer"];

export function parseFilters(params: URLSearchParams): CustomerFilters {
  return {
    q: text(params.get("q")),
    state: list(params.get("state")).filter((s): s is CustomerState => (STATES as readonly string[]).includes(s)),
    kind: oneOf(params.get("kind"), ["individual", "enterprise"] as const),
    tag: list(params.get("tag")),
    ownerId: text(params.get("ownerId")),
    lastPurchaseFrom: text(params.get("lastPurchaseFrom")),
    lastPurchaseTo: text(params.get("lastPurchaseTo")),
    minSales: text(params.get("minSales")),
    maxSales: text(params.get("maxSales")),
    minChurn: share(params.get("minChurn")),
    maxAlive: share(params.get("maxAlive")),
    sort: oneOf(params.get("sort"), SORT_KEYS),
    order: oneOf(params.get("order"), ["asc", "desc"] as const),
  };
}

/** The filters as flat string parameters, empty ones left out: for the URL, the API and saved views. */
export function filtersToParams(f: CustomerFilters): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== "") out[key] = value;
  };
  put("q", f.q);
  put("state", f.state.join(","));
  put("kind", f.kind);
  put("tag", f.tag.join(","));
  put("ownerId", f.ownerId);
  put("lastPurchaseFrom", f.lastPurchaseFrom);
  put("lastPurchaseTo", f.lastPurchaseTo);
  put("minSales", f.minSales);
  put("maxSales", f.maxSales);
  put("minChurn", f.minChurn);
  put("maxAlive", f.maxAlive);
  put("sort", f.sort);
  if (f.sort) put("order", f.order ?? "asc");
  return out;
}

/** True when some filter (not only the sort) narrows the list. */
export const isFiltered = (f: CustomerFilters): boolean =>
  Object.keys(filtersToParams({ ...f, sort: undefined, order: undefined })).length > 0;
