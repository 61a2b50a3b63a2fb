import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createToken, fetchTokens, revokeToken } from "../api/auth.api";

const KEY = ["auth", "tokens"];

export const useTokens = () => useQuery({ queryKey: KEY, queryFn: fetchTokens });

export function useCreateToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createToken, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: revokeToken, onSuccess: () => qc.invalidateQueries({ queryKey: KEY }) });
}
