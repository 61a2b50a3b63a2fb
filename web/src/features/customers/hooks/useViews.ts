import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { deleteView, fetchViews, saveView } from "../api/views.api";

/** Saved views of one list page: the user's own and the shared ones. */
export function useViews(page: string) {
  const qc = useQueryClient();
  const key = ["views", page];
  const views = useQuery({ queryKey: key, queryFn: () => fetchViews(page) });
  const save = useMutation({
    mutationFn: (v: { name: string; query: Record<string, string>; shared: boolean }) => saveView({ page, ...v }),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({ mutationFn: deleteView, onSuccess: () => qc.invalidateQueries({ queryKey: key }) });
  return { views, save, remove };
}
