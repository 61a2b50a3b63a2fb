import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { createUser, fetchUsers, updateUser, type AccountPatch } from "../api/users.api";

const KEY = ["users", "all"];

export const useUsers = () => useQuery({ queryKey: KEY, queryFn: fetchUsers });

/** Invalidates the list and the owner pickers, which show the same people. */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["users"] });
}

export function useCreateUser() {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: createUser, onSuccess });
}

export function useUpdateUser() {
  const onSuccess = useInvalidate();
  return useMutation({ mutationFn: ({ id, patch }: { id: number; patch: AccountPatch }) => updateUser(id, patch), onSuccess });
}
