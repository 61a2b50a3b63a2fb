import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchAtRisk, fetchCustomerScores, fetchJob, fetchRun, fetchRuns, startRun, type AtRiskQuery, type RunOptions } from "../api/predictions.api";

const KEY = ["predictions"] as const;
// A saved run never changes: read once, kept while the user looks at it.
const STALE = 10 * 60_000;

/** The saved runs, newest first (the server keeps the five latest). */
export const useRuns = () => useQuery({ queryKey: [...KEY, "runs"], queryFn: fetchRuns });

/** A run's report: its models, back-tests and summary. */
export const useRunReport = (runId: number | undefined) =>
  useQuery({ queryKey: [...KEY, "run", runId], queryFn: () => fetchRun(runId!), enabled: runId !== undefined, staleTime: STALE });

/** A page of a run's at-risk customers; the last page stays on screen while the next loads. */
export const useAtRisk = (q: AtRiskQuery) =>
  useQuery({ queryKey: [...KEY, "at-risk", q], queryFn: () => fetchAtRisk(q), placeholderData: keepPreviousData, staleTime: STALE });

/** A customer's scores in the latest run. */
export const useCustomerScores = (customerId: number) =>
  useQuery({ queryKey: [...KEY, "customer", customerId], queryFn: () => fetchCustomerScores(customerId) });

const finished = (status: string | undefined) => status === "done" || status === "failed";

/**
 * Starting a run and following it: the job is asked for every second until it is done or
 * has failed; once done, every prediction (and the customer list, whose filters read the
 * latest run) is read again and `onDone` gets the new run's id.
 */
export function useModelRun(onDone: (runId: number) => void) {
  const qc = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [joined, setJoined] = useState(false);
  const start = useMutation({
    mutationFn: (body: RunOptions) => startRun(body),
    onSuccess: (r) => {
      // The job as the server started it is on screen at once; polling takes it from there.
      qc.setQueryData([...KEY, "job", r.job.jobId], r.job);
      setJobId(r.job.jobId);
      setJoined(!r.started);
    },
  });
  const job = useQuery({
    queryKey: [...KEY, "job", jobId],
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data?.status) ? false : 1000),
    staleTime: 0,
  });
  const status = job.data?.status;
  const runId = job.data?.runId ?? null;
  const done = useRef(onDone);
  done.current = onDone;
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (status !== "done" || runId === null || handled.current === jobId) return;
    handled.current = jobId;
    void Promise.all([qc.invalidateQueries({ queryKey: [...KEY] }), qc.invalidateQueries({ queryKey: ["customers", "list"] })]).then(() => done.current(runId));
  }, [status, runId, jobId, qc]);
  return {
    start,
    job,
    /** A run was already going when this one was asked for: this is that one. */
    joined,
    running: start.isPending || (jobId !== null && !finished(status)),
    clear: () => {
      setJobId(null);
      start.reset();
    },
  };
}
