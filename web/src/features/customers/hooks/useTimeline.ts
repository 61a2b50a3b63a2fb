import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchTimeline } from "../api/customers.api";

/** The customer's merged history, newest first, a page at a time ("load more"). */
export const useTimeline = (id: number) =>
  useInfiniteQuery({
    queryKey: ["timeline", id, "list"],
    queryFn: ({ pageParam }) => fetchTimeline(id, pageParam, 30),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
