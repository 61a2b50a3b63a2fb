import { fetchCustomers } from "../api/customers.api";
import { useCursorPages } from "../../../lib/useCursorPages";

export const PAGE_SIZE = 50;

/** One page of the customer list for the given parameters (see useCursorPages). */
export function useCustomerList(params: Record<string, string>) {
  return useCursorPages(["customers", "list"], params, (p, cursor, signal) => fetchCustomers({ ...p, limit: PAGE_SIZE, cursor }, signal));
}
