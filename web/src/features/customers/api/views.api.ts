import { api, itemsOf } from "../../../api/client";
import type { SavedView } from "./types";

export const fetchViews = async (page: string) => itemsOf(await api.get<SavedView[] | { items: SavedView[] }>("/api/views", { page }));

export const saveView = (input: { page: string; name: string; query: Record<string, string>; shared: boolean }) =>
  api.post<SavedView>("/api/views", input);

export const deleteView = (id: number) => api.delete(`/api/views/${id}`);
