import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplaintInput, InteractionInput } from "../../src/domain/inputs.ts";
import { runImport } from "../../src/ingest/run.ts";
import { ComplaintSink } from "../../src/ingest/sinks/complaints.ts";
import { InteractionSink } from "../../src/ingest/sinks/interactions.ts";
import type { SinkContext } from "../../src/ingest/sinks/sink.ts";
import type { Store } from "../../src/store/connect.ts";
import { getSettings } from "../../src/store/settings.repository.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { complaintDetail } from "../../src/retention/complaints/complaints.service.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("contact log and complaint rows on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  async function load<T>(rows: T[], make: (ctx: SinkContext) => ComplaintSink | InteractionSink) {
    const settings = await getSettings(store.db);
    const refused: string[] = [];
    const s = await runImport(store.db, {
      kind: "test",
      fileName: "test",
      source: "default",
      batches: (async function* () {
        yield rows.map((value, i) => ({ line: i + 2, ok: true as const, value }));
      })(),
      makeSink: (importId) => make({ source: "default", importId, settings, reason: "test" }) as never,
      onReject: (_l, errors) => {
        refused.push(...errors.map((e) => e.reason));
      },
    });
    return { ...s, refused };
  }

  it("keeps identical rows without a reference as separate rows, once; refuses a reference used twice", async () => {
    const call: InteractionInput = { customerRef: "K1", occurredAt: "2024-05-01T10:00:00", channel: "phone", purpose: "care" };
    const complaint: ComplaintInput = { customerRef: "K1", openedAt: "2024-05-02", channel: "phone", category: "delivery", description: "晚到" };
    const interactions = [call, call, { ...call, externalRef: "I-1" }, { ...call, externalRef: "I-1" }];
    const complaints = [complaint, complaint, { ...complaint, externalRef: "C-1" }, { ...complaint, externalRef: "C-1" }];
    for (const [rows, make, what] of [
      [interactions, (ctx: SinkContext) => new InteractionSink(ctx), "interaction"],
      [complaints, (ctx: SinkContext) => new ComplaintSink(ctx), "complaint"],
    ] as const) {
      const first = await load<unknown>([...rows], make);
      expect(first, what).toMatchObject({ landed: 3, rejected: 1 });
      expect(first.refused).toEqual([`${what} ${what === "complaint" ? "C-1" : "I-1"} appears twice in this file`]);
      expect(await load<unknown>([...rows], make), what).toMatchObject({ landed: 0, unchanged: 3 });
    }
  });

  it("keeps the root cause a complaint was imported with, and shows it on the case until the case records its own", async () => {
    const settled: ComplaintInput = { customerRef: "K2", openedAt: "2024-06-01", channel: "phone", category: "delivery", description: "箱子压坏了", status: "resolved", resolvedAt: "2024-06-03", externalRef: "C-9", rootCause: "logistics_damaged" };
    expect(await load([settled], (ctx) => new ComplaintSink(ctx))).toMatchObject({ landed: 1 });
    expect(await load([settled], (ctx) => new ComplaintSink(ctx))).toMatchObject({ unchanged: 1 });
    expect(await load([{ ...settled, rootCause: "logistics_late" }], (ctx) => new ComplaintSink(ctx))).toMatchObject({ updated: 1 });
    const row = await store.db.selectFrom("complaints").select(["customer_id", "complaint_id", "root_cause"]).where("external_ref", "=", "C-9").executeTakeFirstOrThrow();
    expect(row.root_cause).toBe("logistics_late");
    const admin = { userId: 0, role: "admin" as const, actor: SYSTEM_ACTOR };
    const d = await complaintDetail(store.db, Number(row.customer_id), Number(row.complaint_id), admin);
    expect(d).toMatchObject({ status: "legacy_resolved", origin: "import", rootCause: "logistics_late", recovery: null });
  });
});
