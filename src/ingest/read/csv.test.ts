import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import { RetainError } from "../../errors.ts";
import { sniffDelimiter } from "./delimiter.ts";
import { openTable, type TableRecord, type TableSource } from "./table.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/ingest/${name}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "retain-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const temp = (content: string | Buffer, ext = ".csv") => {
  const file = join(dir, `t${n++}${ext}`);
  writeFileSync(file, content);
  return file;
};
async function all(t: TableSource): Promise<TableRecord[]> {
  const out: TableRecord[] = [];
  for await (const r of t.records()) out.push(r);
  return out;
}
async function rejection(p: Promise<unknown>): Promise<RetainError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(RetainError);
  return e as RetainError;
}

describe("openTable on CSV fixtures", () => {
  it("reads the UTF-8 orders file and flags only the line with bad bytes", async () => {
    const t = await openTable(fixture("orders-mixed.csv"));
    expect(t).toMatchObject({ format: "csv", encoding: "utf-8", delimiter: "," });
    expect(t.headers[0]).toBe("customer_id");
    const recs = await all(t);
    expect(recs.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 10, 11, 13]);
    expect(recs.filter((r) => r.invalidEncoding).map((r) => r.line)).toEqual([10]);
    expect(recs.find((r) => r.line === 3)?.cells[4]).toBe("乌龙茶 Oolong");
    expect(recs.find((r) => r.line === 11)?.cells[4]).toBe("Gift box\n(large)");
    expect(recs.find((r) => r.line === 8)?.cells).toHaveLength(9);
    expect(t.progress()).toEqual({ done: t.progress().total, total: t.progress().total });
  });

  it("detects and decodes a GBK file with Chinese headers and CRLF lines", async () => {
    const t = await openTable(fixture("orders-gbk.csv"));
    expect(t.encoding).toBe("gb18030");
    expect(t.headers).toEqual(["客户编号", "订单号", "订单日期", "商品名称", "数量", "单价", "金额", "渠道"]);
    const recs = await all(t);
    expect(recs.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(recs[0]?.cells).toEqual(["K001", "DD20240101", "2024年1月2日", "铁观音", "2", "1,200.00", "￥2,400.00", "天猫"]);
    expect(recs.some((r) => r.invalidEncoding)).toBe(false);
  });

  it("reads a UTF-8 file with a BOM and semicolons, the BOM kept out of the first header", async () => {
    const t = await openTable(fixture("customers-semicolon-bom.csv"));
    expect(t).toMatchObject({ encoding: "utf-8-bom", delimiter: ";" });
    expect(t.headers[0]).toBe("Customer ID");
    expect((await all(t)).map((r) => r.cells[1])).toEqual(["Anna Müller", "Jean Dupont", "Zoë Smith"]);
  });

  it("reads a GBK file as garbage-flagged UTF-8 only when told to, and honours --encoding", async () => {
    const t = await openTable(fixture("orders-gbk.csv"), { encoding: "utf-8" });
    expect(t.encoding).toBe("utf-8");
    expect((await all(t)).every((r) => r.invalidEncoding)).toBe(true);
    const g = await openTable(fixture("orders-gbk.csv"), { encoding: "GBK" });
    expect(g.headers[0]).toBe("客户编号");
  });
});

describe("delimiters", () => {
  it.each([
    ["comma", "a,b,c\n1,2,3\n", ","],
    ["semicolon", "a;b;c\n1,5;2;3\n", ";"],
    ["tab", "a\tb\tc\n1\t2,5\t3\n", "\t"],
    ["pipe", "a|b|c\n1|2|3\n", "|"],
    ["comma inside quotes is not a delimiter", 'a;b\n"x,y";2\n"p,q";3\n', ";"],
    ["whitespace", "id   name  amount\n1  tea  12\n2 cup 3\n", " "],
    ["single column", "id\n1\n2\n", ","],
  ])("sniffs %s", (_name, text, expected) => {
    expect(sniffDelimiter(text, true)).toBe(expected);
  });

  it("prefers the delimiter that splits every line alike", () => {
    // Commas appear in text but tabs split each line into three.
    expect(sniffDelimiter("name\tnote\tqty\nTea\tgreen, loose\t1\nCup\tblue\t2\n", true)).toBe("\t");
  });

  it("reads a whitespace-separated file", async () => {
    const t = await openTable(temp("id   name  amount\n\n1  tea  12\n2\tcup 3\n"));
    expect(t.delimiter).toBe(" ");
    expect(t.headers).toEqual(["id", "name", "amount"]);
    expect(await all(t)).toEqual([
      { line: 3, cells: ["1", "tea", "12"] },
      { line: 4, cells: ["2", "cup", "3"] },
    ]);
  });

  it("takes a named delimiter and rejects a bad one", async () => {
    const t = await openTable(temp("a|b\n1|2\n"), { delimiter: "pipe" });
    expect((await all(t))[0]?.cells).toEqual(["1", "2"]);
    const e = await rejection(openTable(temp("a,b\n"), { delimiter: "ab" }));
    expect(e.code).toBe("BAD_INPUT");
  });
});

describe("records and line numbers", () => {
  it("numbers records by the physical line they start on", async () => {
    const text = 'h1,h2\r\n\r\n1,"multi\r\nline\r\nvalue"\r\n2,x\r\n,\r\n   \r\n3,"a ""quoted"" word"\n4,last';
    const recs = await all(await openTable(temp(text)));
    expect(recs).toEqual([
      { line: 3, cells: ["1", "multi\nline\nvalue"] },
      { line: 6, cells: ["2", "x"] },
      { line: 9, cells: ["3", 'a "quoted" word'] },
      { line: 10, cells: ["4", "last"] },
    ]);
  });

  it("keeps rows with a wrong number of fields for the validator", async () => {
    const recs = await all(await openTable(temp("a,b,c\n1,2\n1,2,3,4\n")));
    expect(recs.map((r) => r.cells.length)).toEqual([2, 4]);
  });

  it("keeps a stray quote inside an unquoted field as text", async () => {
    const recs = await all(await openTable(temp('a,b\n12" pipe,2\n')));
    expect(recs[0]?.cells).toEqual(['12" pipe', "2"]);
  });

  it("reports an unclosed quote as BAD_FILE with its line", async () => {
    const t = await openTable(temp('a,b\n1,2\n3,"never closed\n4,5\n'));
    const e = await rejection(all(t));
    expect(e.code).toBe("BAD_FILE");
    expect(e.message).toMatch(/line/);
  });

  it("finds the header after leading blank lines and trims it", async () => {
    const t = await openTable(temp("\n\n  id , amount \n1,2\n"));
    expect(t.headers).toEqual(["id", "amount"]);
    expect((await all(t))[0]?.line).toBe(4);
  });

  it("reads UTF-16LE with a BOM", async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("客户,金额\r\nK1,12\r\n", "utf16le")]);
    const t = await openTable(temp(bytes));
    expect(t.encoding).toBe("utf-16le");
    expect(t.headers).toEqual(["客户", "金额"]);
    expect((await all(t))[0]).toEqual({ line: 2, cells: ["K1", "12"] });
  });

  it("can be read twice", async () => {
    const t = await openTable(temp("a\n1\n2\n"));
    expect((await all(t)).length).toBe(2);
    expect((await all(t)).length).toBe(2);
  });
});

describe("file errors", () => {
  it("names a missing file", async () => {
    const e = await rejection(openTable(join(dir, "nope.csv")));
    expect(e).toMatchObject({ code: "BAD_FILE", details: { file: join(dir, "nope.csv") } });
    expect(e.message).toContain("nope.csv");
    expect(e.details.hint).toBeTruthy();
  });

  it("rejects an empty file and a file of blank lines", async () => {
    expect((await rejection(openTable(temp("")))).message).toMatch(/empty/);
    expect((await rejection(openTable(temp("\n\n  \n")))).message).toMatch(/no header/);
  });

  it("rejects an old .xls workbook, asking for .xlsx or CSV", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]);
    const e = await rejection(openTable(temp(ole, ".xls")));
    expect(e.code).toBe("BAD_FILE");
    expect(e.details.hint).toMatch(/xlsx/);
  });

  it("rejects a .xlsx that is not a zip", async () => {
    expect((await rejection(openTable(temp("a,b\n1,2\n", ".xlsx")))).code).toBe("BAD_FILE");
  });
});
