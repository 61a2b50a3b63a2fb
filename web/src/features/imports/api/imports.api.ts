import { api, apiUrl, itemsOf } from "../../../api/client";

export type ImportKind = "orders" | "customers" | "products" | "interactions";
export const IMPORT_KINDS: readonly ImportKind[] = ["orders", "customers", "products", "interactions"];

export const ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16le", "utf-16be", "windows-1252"] as const;

export interface ImportField {
  name: string;
  required: boolean;
  description: string;
}

/** What the server made of an uploaded file: the answer to an upload and to a new preview. */
export interface UploadPreview {
  uploadId: string;
  fileName: string;
  size: number;
  kind: ImportKind;
  format: "csv" | "xlsx";
  encoding: string;
  delimiter: string | null;
  preset: string;
  presets: string[];
  headers: string[];
  sample: string[][];
  /** field → header */
  mapping: Record<string, string>;
  ignoredColumns: string[];
  fields: ImportField[];
  /** A Taobao/Tmall pair: which uploaded file is the order list and which the item list. */
  pair: { orderFile: string; detailFile: string } | null;
}

/** Presets that are one half of the Taobao/Tmall pair: the wizard offers to add the other file. */
export const PAIR_HALVES: readonly string[] = ["taobao", "taobao-detail"];

export interface Rejection {
  line: number;
  column?: string;
  value?: string;
  reason: string;
}

export interface ImportSummary {
  rowsRead: number;
  landed: number;
  updated: number;
  unchanged: number;
  rejected: number;
  customersCreated: number;
  durationMs: number;
  preset: string;
  encoding: string;
  columns: Record<string, string>;
  ignoredColumns: string[];
  firstRejections: Rejection[];
  /** Rows that were no sale (unpaid, cancelled platform orders), by reason. */
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Rows kept with a caveat, and the first ones. */
  warned: number;
  warnings: Rejection[];
  /** Platform presets: the platform and what identifies its buyers. */
  platform?: { label: string; identity: string };
  /** A Taobao/Tmall pair: which file was the order list and which the item list. */
  pair?: { orderFile: string; detailFile: string };
}

export interface ImportJob {
  jobId: string;
  status: "queued" | "running" | "done" | "failed";
  dryRun: boolean;
  progress: { bytes: number; totalBytes: number; rowsRead: number; landed: number; rejected: number };
  summary: ImportSummary | null;
  error: { code: string; message: string; hint?: string } | null;
}

/** A past run as GET /api/imports lists it (the import_runs record). */
export interface ImportRun {
  id: number;
  kind: string;
  fileName: string;
  preset: string | null;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rowsRead: number;
  landed: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

export interface RunOptions {
  uploadId: string;
  kind: ImportKind;
  preset?: string;
  map?: Record<string, string>;
  encoding?: string;
  dryRun: boolean;
}

export function uploadFile(kind: ImportKind, file: File) {
  const form = new FormData();
  form.append("kind", kind);
  form.append("file", file);
  return api.post<UploadPreview>("/api/imports/uploads", form);
}

/** Adds the other file of a Taobao/Tmall pair to an upload; the answer previews the two joined. */
export function uploadPair(uploadId: string, file: File) {
  const form = new FormData();
  form.append("file", file);
  return api.post<UploadPreview>(`/api/imports/uploads/${encodeURIComponent(uploadId)}/pair`, form);
}

export const removePair = (uploadId: string) => api.delete<UploadPreview>(`/api/imports/uploads/${encodeURIComponent(uploadId)}/pair`);

export const previewUpload = (uploadId: string, body: { kind: ImportKind; encoding?: string; preset?: string; map?: Record<string, string> }) =>
  api.post<UploadPreview>(`/api/imports/uploads/${encodeURIComponent(uploadId)}/preview`, body);

export const startImport = (options: RunOptions) => api.post<{ jobId: string }>("/api/imports", options);

export const fetchJob = (jobId: string) => api.get<ImportJob>(`/api/imports/jobs/${encodeURIComponent(jobId)}`);

export const rejectsUrl = (jobId: string) => apiUrl(`/api/imports/jobs/${encodeURIComponent(jobId)}/rejects.csv`);

export const fetchImports = async () => itemsOf(await api.get<ImportRun[] | { items: ImportRun[] }>("/api/imports"));
