import { describe, expect, it } from "vitest";
import en from "./locales/en.json";
import zhCN from "./locales/zh-CN.json";
import zhTW from "./locales/zh-TW.json";

type Tree = { [key: string]: string | Tree };

/** Every leaf as "a.b.c" → text. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === "object") for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

/** {{placeholders}} and <tags> of a message, sorted: a translation must keep them all. */
const markers = (text: string) => [...text.matchAll(/\{\{\s*([\w.-]+)[^}]*\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort();

const catalogues = { en, "zh-CN": zhCN, "zh-TW": zhTW } as Record<string, Tree>;
const reference = flatten(en as Tree);

describe.each(Object.entries(catalogues))("catalogue %s", (name, tree) => {
  const flat = flatten(tree);

  it("has exactly the keys of the English catalogue", () => {
    expect([...flat.keys()].sort()).toEqual([...reference.keys()].sort());
  });

  it("has a non-empty text for every key", () => {
    const bad = [...flat].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it("keeps the placeholders and tags of every message", () => {
    const bad = [...reference]
      .filter(([k, v]) => typeof v === "string" && typeof flat.get(k) === "string" && markers(v).join() !== markers(flat.get(k) as string).join())
      .map(([k]) => `${name}:${k}`);
    expect(bad).toEqual([]);
  });
});

describe("Traditional Chinese", () => {
  // Characters that only Simplified Chinese uses for words the UI has (客户, 订单, 导入, 设置…).
  const SIMPLIFIED = /[户订单导设选择删编辑记录审计联电话邮时间状态销额数据显图开关门们这个为码账号将从后发]/u;
  it("uses no Simplified-only characters", () => {
    const bad = [...flatten(zhTW as Tree)].filter(([k, v]) => !k.startsWith("lang.") && typeof v === "string" && SIMPLIFIED.test(v)).map(([k, v]) => `${k}: ${String(v)}`);
    expect(bad).toEqual([]);
  });
});
