import { useQuery } from "@tanstack/react-query";
import { fetchSettings } from "../api/settings.api";

/** The business settings; they change rarely, so they are read once per session. */
export const useSettings = () => useQuery({ queryKey: ["settings"], queryFn: fetchSettings, staleTime: Infinity });
