import { useQuery } from "@tanstack/react-query";
import { fetchJob } from "../api/imports.api";

const finished = (status: string | undefined) => status === "done" || status === "failed";

/** An import run's progress, asked for every 500 ms until it is done or has failed. */
export const useImportJob = (jobId: string | null) =>
  useQuery({
    queryKey: ["imports", "job", jobId],
    queryFn: () => fetchJob(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (finished(q.state.data?.status) ? false : 500),
    staleTime: 0,
  });
