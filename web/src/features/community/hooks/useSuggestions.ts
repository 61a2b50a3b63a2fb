import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { decideSuggestion, fetchSuggestions, recordSuggestion, type DecisionInput, type SuggestionChannel, type SuggestionStatus } from "../api/community.api";

const KEY = ["suggestions"] as const;

/** A page of suggestions (newest first) in a status, with the counts of every status. */
export const useSuggestions = (q: { status?: SuggestionStatus; beforeId?: number }) =>
  useQuery({ queryKey: [...KEY, q], queryFn: ({ signal }) => fetchSuggestions(q, signal), placeholderData: keepPreviousData });

/** Recording and deciding: the list is read again, and a reward's points show on the customer. */
export function useSuggestionMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    record: useMutation({ mutationFn: (v: { customerId: number; channel: SuggestionChannel; text: string }) => recordSuggestion(v.customerId, v), onSuccess: refresh }),
    decide: useMutation({
      mutationFn: (v: { id: number; body: DecisionInput }) => decideSuggestion(v.id, v.body),
      onSuccess: (s) => {
        void refresh();
        void qc.invalidateQueries({ queryKey: ["membership", "customer", s.customerId] });
        void qc.invalidateQueries({ queryKey: ["timeline", s.customerId] });
      },
    }),
  };
}
