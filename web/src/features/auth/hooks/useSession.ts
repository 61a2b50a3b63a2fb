import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router-dom";
import { isApiError } from "../../../api/errors";
import { setCsrfToken } from "../../../api/client";
import { fetchSession, login, logout, type Session } from "../api/auth.api";

export const SESSION_KEY = ["session"] as const;

const remember = (s: Session): Session => {
  setCsrfToken(s.csrfToken);
  return s;
};

/**
 * The signed-in user, from GET /api/auth/me. `data` is null when no one is signed in
 * (a 401), so pages can tell "signed out" from "could not ask".
 */
export function useSession() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        return remember(await fetchSession());
      } catch (e) {
        if (isApiError(e) && e.status === 401) {
          setCsrfToken(null);
          return null;
        }
        throw e;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The role of the signed-in user, or undefined while unknown. */
export const useRole = () => useSession().data?.user.role;

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { email: string; password: string }) => login(v.email, v.password),
    onSuccess: (s) => {
      qc.clear();
      qc.setQueryData(SESSION_KEY, remember(s));
    },
  });
}

/** Signs out, forgets every cached answer and goes to the sign-in page. */
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(SESSION_KEY, null);
      void navigate("/login", { replace: true });
    },
  });
}
