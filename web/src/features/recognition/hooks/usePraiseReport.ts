import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchPraiseReport, type PraiseQuery } from "../api/recognition.api";

/** The recognition report for the period; the last one stays on screen while the next loads. */
export const usePraiseReport = (q: PraiseQuery) =>
  useQuery({ queryKey: ["praise", q], queryFn: ({ signal }) => fetchPraiseReport(q, signal), placeholderData: keepPreviousData });
