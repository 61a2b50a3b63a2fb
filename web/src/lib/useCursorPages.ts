import { keepPreviousData, useQuery, type QueryKey } from "@tanstack/react-query";
import { useState } from "react";

/**
 * One page of a cursor-paged list for the given parameters, with the stack of cursors that
 * led to it: "next" pushes the page's nextCursor, "previous" pops; new parameters start again
 * at page one. The query key is `key` followed by the parameters and the page's cursor.
 */
export function useCursorPages<P, T extends { nextCursor: string | null }>(
  key: QueryKey,
  params: P,
  fetchPage: (params: P, cursor: string | null, signal: AbortSignal) => Promise<T>,
) {
  const paramsKey = JSON.stringify(params);
  const [pager, setPager] = useState<{ key: string; stack: (string | null)[] }>({ key: paramsKey, stack: [null] });
  const stack = pager.key === paramsKey ? pager.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const query = useQuery({
    queryKey: [...key, params, cursor],
    queryFn: ({ signal }) => fetchPage(params, cursor, signal),
    placeholderData: keepPreviousData,
  });
  const nextCursor = query.data?.nextCursor ?? null;
  return {
    query,
    page: stack.length,
    hasPrev: stack.length > 1,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    next: () => nextCursor && setPager({ key: paramsKey, stack: [...stack, nextCursor] }),
    prev: () => setPager({ key: paramsKey, stack: stack.slice(0, -1) }),
  };
}
