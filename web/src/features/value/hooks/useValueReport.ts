import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchValueReport, type ValueQuery } from "../api/value.api";

/** The value report for the chosen date, window and measure; the last one stays on screen while the next loads. */
export const useValueReport = (q: ValueQuery) =>
  useQuery({ queryKey: ["value-report", q], queryFn: () => fetchValueReport(q), placeholderData: keepPreviousData });
