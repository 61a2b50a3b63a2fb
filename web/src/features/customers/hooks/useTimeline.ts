import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { fetchTimeline, TIMELINE_MAX } from "../api/customers.api";

/** The customer's merged history, newest first, a page at a time ("load more"). */
export const useTimeline = (id: number) =>
  useInfiniteQuery({
    queryKey: ["timeline", id, "list"],
    queryFn: ({ pageParam }) => fetchTimeline(id, pageParam, 30),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

/** The newest events in one page (as many as the API gives at once), for the chart. */
export const useRecentHistory = (id: number) =>
  useQuery({ queryKey: ["timeline", id, "recent"], queryFn: () => fetchTimeline(id, null, TIMELINE_MAX) });
