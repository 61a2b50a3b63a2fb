import { useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { Navigate, useLocation, useNavigate } from "react-router-dom";
import { setUnauthenticatedHandler } from "../../../api/client";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { SESSION_KEY, useSession } from "../hooks/useSession";

const here = (l: { pathname: string; search: string }) => encodeURIComponent(l.pathname + l.search);

/** Shows its children to a signed-in user; anyone else goes to sign-in and comes back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();

  // A request that finds the session expired (401) lands here, not on a page of errors.
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      qc.setQueryData(SESSION_KEY, null);
      void navigate(`/login?next=${here(window.location)}`, { replace: true });
    });
  }, [navigate, qc]);

  if (session.isPending) return <PageSpin />;
  if (session.isError) return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to={`/login?next=${here(location)}`} replace />;
  return children;
}
