import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { fetchCohortReport, type CohortQuery } from "../api/cohorts.api";

/** The cohort report for the chosen date and period; the last one stays on screen while the next loads. */
export const useCohortReport = (q: CohortQuery) =>
  useQuery({ queryKey: ["cohort-report", q], queryFn: () => fetchCohortReport(q), placeholderData: keepPreviousData });
