import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchChurnCost, type ChurnCostQuery } from "../api/churn-cost.api";

/** The churn cost for the chosen date, period and inputs; the last result stays on screen while the next is worked out. */
export const useChurnCost = (q: ChurnCostQuery) =>
  useQuery({ queryKey: ["churn-cost", q], queryFn: () => fetchChurnCost(q), placeholderData: keepPreviousData });
