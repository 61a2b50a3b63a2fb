import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchCustomerValue } from "../api/customer-value.api";
import {
  fetchSegmentMembers,
  fetchSegmentSummary,
  fetchSnapshots,
  fetchValueReportSegments,
  takeSnapshot,
  type SegmentScheme,
  type Snapshot,
  type TakeSnapshotBody,
} from "../api/segments.api";
import { reportQueryOf } from "../rules";

const KEY = ["segments"] as const;
const MEMBERS_PAGE = 50;

export const useSnapshots = () => useQuery({ queryKey: [...KEY, "snapshots"], queryFn: fetchSnapshots });

/** One snapshot's segments and RFM grid; the last one stays on screen while the next loads. */
export const useSegmentSummary = (asOf: string | undefined) =>
  useQuery({ queryKey: [...KEY, "summary", asOf], queryFn: () => fetchSegmentSummary(asOf!), enabled: asOf !== undefined, placeholderData: keepPreviousData });

/** The value report's trend for a snapshot (each group's value in the window before), computed for its date, window, measure and rules. */
export const useSnapshotTrend = (snapshot: Snapshot | undefined) =>
  useQuery({
    queryKey: [...KEY, "trend", snapshot?.asOf, snapshot?.createdAt],
    queryFn: () => fetchValueReportSegments(reportQueryOf(snapshot!)),
    enabled: snapshot !== undefined,
    staleTime: 5 * 60_000,
  });

/** A segment's customers by id, a page at a time. */
export const useSegmentMembers = (q: { asOf: string; scheme: SegmentScheme; segment: string } | null) =>
  useInfiniteQuery({
    queryKey: [...KEY, "members", q],
    queryFn: ({ pageParam }) => fetchSegmentMembers({ ...q!, after: pageParam, limit: MEMBERS_PAGE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextAfter ?? undefined,
    enabled: q !== null,
  });

/** Takes a snapshot; every list and summary of snapshots is read again after it. */
export function useTakeSnapshot() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TakeSnapshotBody) => takeSnapshot(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** One customer's value over the last 12 months and their segments on every snapshot date. */
export const useCustomerValue = (id: number) =>
  useQuery({ queryKey: [...KEY, "customer", id], queryFn: () => fetchCustomerValue(id, { window: "12m" }) });
