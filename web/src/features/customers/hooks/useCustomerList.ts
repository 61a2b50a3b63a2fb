import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchCustomers } from "../api/customers.api";

export const PAGE_SIZE = 50;

/**
 * One page of the list for the given parameters, with a stack of the cursors that led to it:
 * "next" pushes the page's nextCursor, "previous" pops. New parameters start at page one.
 */
export function useCustomerList(params: Record<string, string>) {
  const key = JSON.stringify(params);
  const [pager, setPager] = useState<{ key: string; stack: (string | null)[] }>({ key, stack: [null] });
  const stack = pager.key === key ? pager.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;

  const query = useQuery({
    queryKey: ["customers", "list", params, cursor],
    queryFn: ({ signal }) => fetchCustomers({ ...params, limit: PAGE_SIZE, cursor }, signal),
    placeholderData: keepPreviousData,
  });

  const nextCursor = query.data?.nextCursor ?? null;
  return {
    query,
    page: stack.length,
    hasPrev: stack.length > 1,
    hasNext: nextCursor !== null && !query.isPlaceholderData,
    next: () => nextCursor && setPager({ key, stack: [...stack, nextCursor] }),
    prev: () => setPager({ key, stack: stack.slice(0, -1) }),
  };
}
