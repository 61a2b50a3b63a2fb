import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  applyProgramme, fetchComparison, fetchCustomerMembership, fetchMembersSummary, fetchProgramme, recordPoints, saveProgramme, type Programme,
} from "../api/membership.api";

const KEY = ["membership"] as const;

export const useProgramme = (enabled: boolean) => useQuery({ queryKey: [...KEY, "programme"], queryFn: fetchProgramme, enabled });
export const useMembersSummary = () => useQuery({ queryKey: [...KEY, "summary"], queryFn: fetchMembersSummary });
export const useComparison = (asOf?: string) =>
  useQuery({ queryKey: [...KEY, "comparison", asOf ?? null], queryFn: () => fetchComparison(asOf), placeholderData: keepPreviousData });
export const useCustomerMembership = (id: number) => useQuery({ queryKey: [...KEY, "customer", id], queryFn: () => fetchCustomerMembership(id) });

/** Saves the programme; nothing else changes until it is applied. */
export function useSaveProgramme() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: (p: Programme) => saveProgramme(p), onSuccess: (v) => qc.setQueryData([...KEY, "programme"], v) });
}

/** Applies the programme to every customer; every membership figure is read again after it. */
export function useApplyProgramme() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: applyProgramme, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

/** Redeems or adjusts a customer's points; their card and timeline are read again. */
export function useRecordPoints(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { kind: "redeem" | "adjust"; points: number; reason: string }) => recordPoints(id, v.kind, { points: v.points, reason: v.reason }),
    onSuccess: (v) => {
      qc.setQueryData([...KEY, "customer", id], v);
      void qc.invalidateQueries({ queryKey: ["timeline", id] });
    },
  });
}
