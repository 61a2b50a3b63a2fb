import fs from "node:fs";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RetainError } from "../../errors.ts";
import { IMPORT_KINDS } from "../../ingest/columns.ts";
import { actorOf } from "../auth.ts";
import { Limit, Text } from "../schemas.ts";

const Kind = z.enum(IMPORT_KINDS as unknown as ["orders", "customers", "products", "interactions"]);
const Map = z.record(z.string().max(40), z.string().max(200));
const ReadOptions = z.object({ kind: Kind, encoding: Text(40).optional(), delimiter: z.string().max(20).optional(), preset: Text(40).optional(), map: Map.optional() });
const Preview = z.object({
  uploadId: z.string(), fileName: z.string(), size: z.number(), kind: Kind, format: z.enum(["csv", "xlsx"]), encoding: z.string(), delimiter: z.string().nullable(),
  preset: z.string(), presets: z.array(z.string()), headers: z.array(z.string()), sample: z.array(z.array(z.string())), mapping: z.record(z.string(), z.string()),
  ignoredColumns: z.array(z.string()), fields: z.array(z.object({ name: z.string(), required: z.boolean(), description: z.string() })), missingFields: z.array(z.string()),
  pair: z.object({ orderFile: z.string(), detailFile: z.string() }).nullable().describe("A Taobao/Tmall pair: which uploaded file is the order list and which the item list"),
}).meta({ id: "ImportPreview" });
const UploadId = z.string().uuid();
const JobParams = z.object({ jobId: z.string().uuid() });

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const jobs = app.importJobs;
  const tags = ["imports"];

  app.post("/imports/uploads", {
    config: { permission: "imports:run" },
    schema: { tags, summary: "Upload a CSV or Excel file (multipart: kind, file) and get its preview", consumes: ["multipart/form-data"], response: { 201: Preview } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new RetainError("BAD_INPUT", "Send the file as multipart/form-data with the fields kind and file.", { field: "file" });
    const part = await req.file();
    if (!part) throw new RetainError("BAD_INPUT", "No file in the upload.", { field: "file" });
    const kind = Kind.safeParse((part.fields.kind as { value?: unknown } | undefined)?.value);
    if (!kind.success) {
      part.file.resume();
      throw new RetainError("BAD_INPUT", `Say what the file holds: kind must be one of ${IMPORT_KINDS.join(", ")}, sent before the file.`, { field: "kind" });
    }
    const up = await jobs.saveUpload(part.file, part.filename);
    return reply.status(201).send(await jobs.preview(up.uploadId, { kind: kind.data }));
  });

  app.post("/imports/uploads/:uploadId/pair", {
    config: { permission: "imports:run" },
    schema: {
      tags, summary: "Add the other file of a Taobao/Tmall pair (ExportOrderList and ExportOrderDetailList) to an upload, and get the joined preview",
      description: "Multipart with the field file. The two files are then imported together, joined on 订单编号; a second call replaces the paired file.",
      consumes: ["multipart/form-data"], params: z.object({ uploadId: UploadId }), response: { 201: Preview },
    },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new RetainError("BAD_INPUT", "Send the file as multipart/form-data with the field file.", { field: "file" });
    const part = await req.file();
    if (!part) throw new RetainError("BAD_INPUT", "No file in the upload.", { field: "file" });
    const up = await jobs.savePair(req.params.uploadId, part.file, part.filename);
    try {
      return reply.status(201).send(await jobs.preview(up.uploadId, { kind: "orders" }));
    } catch (e) {
      // Two files that are not a pair are refused as a pair; the first file stays as it was.
      await jobs.removePair(up.uploadId);
      throw e;
    }
  });

  app.delete("/imports/uploads/:uploadId/pair", {
    config: { permission: "imports:run" },
    schema: { tags, summary: "Remove the second file of a pair: the upload is one file again", params: z.object({ uploadId: UploadId }), response: { 200: Preview } },
  }, async (req) => {
    const up = await jobs.removePair(req.params.uploadId);
    return jobs.preview(up.uploadId, { kind: "orders" });
  });

  app.post("/imports/uploads/:uploadId/preview", {
    config: { permission: "imports:run" },
    schema: { tags, summary: "Preview an upload again with another encoding, delimiter, preset or mapping", params: z.object({ uploadId: UploadId }), body: ReadOptions, response: { 200: Preview } },
  }, async (req) => jobs.preview(req.params.uploadId, req.body));

  app.post("/imports", {
    config: { permission: "imports:run" },
    schema: {
      tags, summary: "Import an upload (dryRun: validate everything and store nothing)",
      body: ReadOptions.extend({ uploadId: UploadId, dryRun: z.boolean().default(false), dateFormat: z.enum(["auto", "ymd", "mdy", "dmy"]).optional() }),
      response: { 202: z.object({ jobId: z.string() }) },
    },
  }, async (req, reply) => {
    const { uploadId, ...o } = req.body;
    const job = jobs.start(uploadId, o, actorOf(req));
    return reply.status(202).send({ jobId: job.jobId });
  });

  app.get("/imports/jobs/:jobId", {
    config: { permission: "imports:run" },
    schema: { tags, summary: "An import's progress and, when done, its summary", params: JobParams },
  }, async (req) => {
    const { rejectsFile: _r, ...job } = jobs.get(req.params.jobId);
    const s = job.summary;
    return { ...job, summary: s ? { ...s, file: undefined, rejectsFile: undefined } : null };
  });

  app.get("/imports/jobs/:jobId/rejects.csv", {
    config: { permission: "imports:run" },
    schema: { tags, summary: "The rejected rows with their line and reasons (CSV, UTF-8 with BOM)", params: JobParams },
  }, async (req, reply) => {
    const job = jobs.get(req.params.jobId);
    if (!job.summary?.rejectsFile || !fs.existsSync(job.rejectsFile)) throw new RetainError("NOT_FOUND", "This import rejected no rows.", { field: "jobId" });
    const name = `${jobs.upload(job.uploadId).fileName.replace(/\.[^.]+$/, "")}.rejects.csv`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="rejects.csv"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(fs.createReadStream(job.rejectsFile));
  });

  app.get("/imports", {
    config: { permission: "imports:read" },
    schema: { tags, summary: "Past import runs, newest first", querystring: z.object({ limit: Limit(50, 500) }) },
  }, async (req) => {
    const rows = await app.db.selectFrom("import_runs").selectAll().orderBy("import_id", "desc").limit(req.query.limit).execute();
    return {
      items: rows.map((r) => ({
        id: r.import_id, kind: r.kind, fileName: r.file_name.split(/[\\/]/).pop() ?? r.file_name, preset: r.preset, source: r.source, status: r.status,
        startedAt: r.started_at, finishedAt: r.finished_at, rowsRead: r.rows_read, landed: r.landed, updated: r.updated, unchanged: r.unchanged,
        rejected: r.rejected, error: r.error,
      })),
    };
  });
};
