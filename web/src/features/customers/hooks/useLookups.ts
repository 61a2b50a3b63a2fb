import { useQuery } from "@tanstack/react-query";
import { fetchTags, fetchUserOptions } from "../api/customers.api";

/** Every tag in use, with how many customers carry it. */
export const useTags = () => useQuery({ queryKey: ["tags"], queryFn: fetchTags, staleTime: 60_000 });

/** The people a customer can be assigned to. */
export const useUserOptions = () => useQuery({ queryKey: ["users", "options"], queryFn: fetchUserOptions, staleTime: 5 * 60_000 });
