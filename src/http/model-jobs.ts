import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { recordChange, type Actor } from "../audit/audit.repository.ts";
import { RetainError } from "../errors.ts";
import { runModels, type ModelRunOptions, type ModelStep } from "../prediction/models.service.ts";
import type { Database } from "../store/schema.ts";

export interface ModelJob {
  jobId: string;
  status: "running" | "done" | "failed";
  progress: { step: ModelStep; done: number; total: number };
  runId: number | null;
  error: { code: string; message: string } | null;
  startedAt: string;
  finishedAt: string | null;
}

/** Finished jobs are kept this long for polling, then forgotten. */
const KEEP_MS = 3600_000;

/**
 * Prediction runs started from the browser: one at a time (a run reads every customer and
 * writes every score), polled for progress. Starting while one runs returns the running one.
 */
export class ModelJobs {
  readonly #jobs = new Map<string, ModelJob>();
  #running: ModelJob | null = null;

  constructor(readonly db: Kysely<Database>) {}

  start(options: ModelRunOptions, actor: Actor): { job: ModelJob; started: boolean } {
    if (this.#running) return { job: this.#running, started: false };
    this.#sweep();
    const job: ModelJob = {
      jobId: randomUUID(), status: "running", progress: { step: "history", done: 0, total: 1 }, runId: null, error: null,
      startedAt: new Date().toISOString(), finishedAt: null,
    };
    this.#jobs.set(job.jobId, job);
    this.#running = job;
    void runModels(this.db, { ...options, createdBy: actor.userId ?? null }, (step, done, total) => {
      job.progress = { step, done, total };
    }).then(async (r) => {
      job.runId = r.runId;
      // The run is saved: the job is done even if the audit entry then fails (the log says so).
      job.status = "done";
      await recordChange(this.db, actor, { action: "models.run", entityType: "model_run", entityId: String(r.runId), after: { ...options, runId: r.runId, customers: r.customers } })
        .catch((e: unknown) => console.error(`audit entry for prediction run ${r.runId} failed: ${(e as Error).message}`));
    }).catch((e: unknown) => {
      job.status = "failed";
      job.error = e instanceof RetainError ? { code: e.code, message: e.message } : { code: "INTERNAL", message: (e as Error).message };
    }).finally(() => {
      job.finishedAt = new Date().toISOString();
      this.#running = null;
    });
    return { job, started: true };
  }

  get(jobId: string): ModelJob {
    const job = this.#jobs.get(jobId);
    if (!job) throw new RetainError("NOT_FOUND", `No prediction run ${jobId}: runs are kept an hour after they end.`, { field: "jobId" });
    return job;
  }

  /** Waits for the running job, if any (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#running) await new Promise((r) => setTimeout(r, 50));
  }

  #sweep(): void {
    const now = Date.now();
    for (const [id, j] of this.#jobs) if (j.finishedAt && now - Date.parse(j.finishedAt) > KEEP_MS) this.#jobs.delete(id);
  }
}
