import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchAudit, type AuditFilters } from "../api/audit.api";

/** The audit log for the filters, newest first, a page at a time. */
export const useAudit = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) => fetchAudit(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
