import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchComplaintAnalysis, type ComplaintAnalysisQuery } from "../api/complaint-analysis.api";

/** The complaint analyses for the chosen date and window; the last ones stay on screen while the next load. */
export const useComplaintAnalysis = (q: ComplaintAnalysisQuery) =>
  useQuery({ queryKey: ["complaint-analysis", q], queryFn: () => fetchComplaintAnalysis(q), placeholderData: keepPreviousData });
