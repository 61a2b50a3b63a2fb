import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { isRetainError } from "../../errors.ts";
import { createDecoder, detectEncoding, normalizeEncoding } from "./encoding.ts";

const utf8 = (s: string) => Buffer.from(s, "utf8");

describe("detectEncoding", () => {
  it("reads plain ASCII and valid UTF-8 as utf-8", () => {
    expect(detectEncoding(utf8("id,amount\n1,2\n"), true)).toBe("utf-8");
    expect(detectEncoding(utf8("客户编号,金额\nK1,¥12\n"), true)).toBe("utf-8");
  });

  it("follows a byte order mark", () => {
    expect(detectEncoding(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8("a,b\n")]), true)).toBe("utf-8-bom");
    expect(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]), true)).toBe("utf-16le");
    expect(detectEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]), true)).toBe("utf-16be");
  });

  it("recognizes GBK text, even when only the header is Chinese", () => {
    const gbk = iconv.encode("客户编号,订单号,订单日期,商品名称,数量,单价,金额\nK001,1,2024-01-02,铁观音,2,10,20\n", "gbk");
    expect(detectEncoding(gbk, true)).toBe("gb18030");
    const headerOnly = iconv.encode("客户编号,金额\n" + "K001,20\n".repeat(500), "gbk");
    expect(detectEncoding(headerOnly, true)).toBe("gb18030");
  });

  it("keeps a mostly UTF-8 file with a few bad bytes as utf-8", () => {
    const good = utf8("客户,商品\n" + "K1,乌龙茶\n".repeat(20));
    const bad = Buffer.concat([good, utf8("K2,"), Buffer.from([0xb2, 0xe8, 0xff]), utf8("\n"), good]);
    expect(detectEncoding(bad, true)).toBe("utf-8");
    // ASCII with one stray byte: nothing says GBK, so it stays UTF-8 and that line is reported.
    expect(detectEncoding(Buffer.concat([utf8("a,b\n1,caf"), Buffer.from([0xe9]), utf8(",\n")]), true)).toBe("utf-8");
  });

  it("does not count a character cut at the end of a partial sample as invalid", () => {
    const cut = utf8("名称\n乌龙茶").subarray(0, -1);
    expect(detectEncoding(cut, false)).toBe("utf-8");
  });
});

describe("normalizeEncoding", () => {
  it("accepts the usual names", () => {
    expect(normalizeEncoding("GBK")).toBe("gb18030");
    expect(normalizeEncoding("gb2312")).toBe("gb18030");
    expect(normalizeEncoding("UTF8")).toBe("utf-8");
    expect(normalizeEncoding("utf-8-bom")).toBe("utf-8-bom");
    expect(normalizeEncoding("latin1")).toBe("latin1");
  });

  it("rejects an unknown name with BAD_INPUT listing the names", () => {
    try {
      normalizeEncoding("ebcdic");
      expect.unreachable();
    } catch (e) {
      expect(isRetainError(e) && e.code).toBe("BAD_INPUT");
      expect((e as Error).message).toContain("gbk");
    }
  });
});

describe("createDecoder", () => {
  it("decodes GB18030 split anywhere across chunks", () => {
    const bytes = iconv.encode("铁观音,紫砂壶", "gb18030");
    const d = createDecoder("gb18030");
    let out = "";
    for (const b of bytes) out += d.write(Buffer.from([b]));
    expect(out + d.end()).toBe("铁观音,紫砂壶");
  });

  it("turns bad UTF-8 into U+FFFD without throwing and strips the BOM", () => {
    const d = createDecoder("utf-8");
    const text = d.write(Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62])) + d.end();
    expect(text).toBe("a\uFFFDb");
  });
});
