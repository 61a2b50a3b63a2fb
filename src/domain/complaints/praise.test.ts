import { describe, expect, it } from "vitest";
import { recordPraise, type Praise } from "./praise.ts";

const praise: Praise = { staffId: 7, customerId: 42, channel: " letter ", words: " Xiao Li went out of her way. ", recorded: { by: 1, role: "agent", at: "2026-03-02T09:00:00+08:00" } };

describe("praise", () => {
  it("keeps praise of a staff member apart from complaints, trimmed", () => {
    expect(recordPraise(praise)).toEqual({ ok: true, praise: { ...praise, channel: "letter", words: "Xiao Li went out of her way." } });
    expect(recordPraise({ ...praise, customerId: null }).ok).toBe(true);
  });

  it.each([
    [{ staffId: 0 }, "staffId"], [{ customerId: -1 }, "customerId"], [{ channel: "" }, "channel"], [{ words: " " }, "words"],
    [{ recorded: { ...praise.recorded, at: "yesterday" } }, "recorded.at"],
  ] as const)("refuses %o", (over, field) => {
    expect(recordPraise({ ...praise, ...over } as Praise)).toMatchObject({ ok: false, error: { code: "BAD_INPUT", field } });
  });
});
