import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCursorPages } from "../../../lib/useCursorPages";
import { convertProspect, createProspect, fetchProspect, fetchProspects, updateProspect, type NewProspect, type ProspectDetails, type ProspectQuery, type ProspectState } from "../api/prospects.api";

const KEY = ["prospects"] as const;

/** One page of the prospect list for the filters, with previous and next. */
export const useProspectPages = (q: ProspectQuery) => useCursorPages(KEY, q, (params, cursor, signal) => fetchProspects(params, cursor, signal));

/** One prospect, for its drawer. */
export const useProspect = (id: number) => useQuery({ queryKey: [...KEY, "one", id], queryFn: ({ signal }) => fetchProspect(id, signal) });

/** Creating, changing and converting a prospect: the list is read again after each. */
export function useProspectMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: KEY });
  return {
    create: useMutation({ mutationFn: (body: NewProspect) => createProspect(body), onSuccess: refresh }),
    update: useMutation({ mutationFn: (v: { id: number; body: ProspectDetails & { state?: ProspectState } }) => updateProspect(v.id, v.body), onSuccess: refresh }),
    convert: useMutation({
      mutationFn: (v: { id: number; reason?: string }) => convertProspect(v.id, v.reason),
      onSuccess: (p) => {
        void refresh();
        void qc.invalidateQueries({ queryKey: ["customer", p.id] });
        void qc.invalidateQueries({ queryKey: ["timeline", p.id] });
      },
    }),
  };
}
