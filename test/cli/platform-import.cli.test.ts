import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retain } from "../support/cli.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/ingest/platforms");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-cli-platforms-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("retain import orders with platform exports", { timeout: 180_000 }, () => {
  it("imports a Taobao pair given as two files and says how it was read", () => {
    const data = path.join(tmp, "pair");
    const rejects = path.join(tmp, "pair.rejects.csv");
    const r = retain(["--data", data, "import", "orders", path.join(FIXTURES, "taobao-ExportOrderList.csv"), path.join(FIXTURES, "taobao-ExportOrderDetailList.csv"),
      "--rejects", rejects, "--progress", "none"]);
    // One detail row has no order: exit code 3, the rest landed.
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toContain("a Taobao/Tmall pair: orders from");
    expect(r.stdout).toContain("preset taobao-items");
    expect(r.stdout).toContain("Taobao/Tmall buyers are identified by 买家会员名");
    expect(r.stdout).toMatch(/landed\s+6/);
    expect(r.stdout).toMatch(/skipped\s+2 \(no sale: 1 not a sale \(等待买家付款\), 1 not a sale \(交易关闭, never paid\)\)/);
    expect(r.stdout).toContain("line 8, 订单编号: line 8 of taobao-ExportOrderDetailList.csv: order 350000000000000099 is not in taobao-ExportOrderList.csv");

    const again = retain(["--data", data, "--json", "import", "orders", path.join(FIXTURES, "taobao-ExportOrderDetailList.csv"),
      path.join(FIXTURES, "taobao-ExportOrderList.csv"), "--rejects", rejects, "--progress", "none"]);
    const s = JSON.parse(again.stdout);
    expect(s).toMatchObject({ preset: "taobao-items", landed: 0, unchanged: 6, skipped: 2, rejected: 1 });
  });

  it("says when a platform has no buyer id, and refuses a file that fits two presets", () => {
    const data = path.join(tmp, "pdd");
    const r = retain(["--data", data, "import", "orders", path.join(FIXTURES, "pinduoduo-orders.csv"), "--progress", "none"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Pinduoduo buyers are identified by no buyer id in the file");

    const amb = retain(["--data", data, "import", "orders", path.join(FIXTURES, "ambiguous-orders.csv"), "--progress", "none"]);
    expect(amb.status).toBe(1);
    expect(amb.stderr).toMatch(/fits several presets \(taobao, jd\)/);
    expect(amb.stderr).toContain("--preset taobao or --preset jd");
  });
});
