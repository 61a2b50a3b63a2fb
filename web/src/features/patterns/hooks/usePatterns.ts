import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchForecast, type ForecastQuery } from "../api/forecast.api";
import { fetchNextOffers } from "../api/next-offers.api";
import { fetchBasketReport, fetchSequenceReport, saveRun, type BasketQuery, type SaveRunBody, type SequenceQuery } from "../api/patterns.api";

const KEY = ["patterns"] as const;
// The same orders give the same answer: mined once, kept while the user looks at it.
const STALE = 5 * 60_000;

/** The basket report for the applied form; the last one stays on screen while the next is mined. */
export const useBasketReport = (q: BasketQuery) =>
  useQuery({ queryKey: [...KEY, "baskets", q], queryFn: () => fetchBasketReport(q), placeholderData: keepPreviousData, staleTime: STALE });

/** The sequence report for the applied form; the last one stays on screen while the next is mined. */
export const useSequenceReport = (q: SequenceQuery) =>
  useQuery({ queryKey: [...KEY, "sequences", q], queryFn: () => fetchSequenceReport(q), placeholderData: keepPreviousData, staleTime: STALE });

/** The forecast for the chosen series, period and horizon. */
export const useForecast = (q: ForecastQuery) =>
  useQuery({ queryKey: [...KEY, "forecast", q], queryFn: () => fetchForecast(q), placeholderData: keepPreviousData, staleTime: STALE });

/** Mines and saves a run; every customer's next best offers are read again after it. */
export function useSaveRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveRunBody) => saveRun(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...KEY, "next-offers"] }),
  });
}

/** A customer's next best offers from the latest saved runs. */
export const useNextOffers = (customerId: number) =>
  useQuery({ queryKey: [...KEY, "next-offers", customerId], queryFn: () => fetchNextOffers(customerId) });
