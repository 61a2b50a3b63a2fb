import { describe, expect, it } from "vitest";
import { checkEmailTemplate, checkTemplate, fieldsOf, renderFor } from "./template.ts";

const wang = { name: "王丽", "lastPurchase.product": "乌龙茶 250g", "lastPurchase.date": "2026-10-03", unsubscribeUrl: "https://shop.example/u/abc" };

describe("message templates", () => {
  it("fills the customer's own history into the message", () => {
    const t = "{{name}}您好：您 {{lastPurchase.date}} 买的{{lastPurchase.product}}喝得还习惯吗？退订：{{unsubscribeUrl}}";
    expect(renderFor(t, "email", wang)).toEqual({ ok: true, text: "王丽您好：您 2026-10-03 买的乌龙茶 250g喝得还习惯吗？退订：https://shop.example/u/abc" });
    expect(fieldsOf(t)).toEqual(["name", "lastPurchase.date", "lastPurchase.product", "unsubscribeUrl"]);
  });

  it("holds back a message to a customer without a value for a field, rather than send a blank or a fallback", () => {
    const t = "{{name}}，您最常买的{{favouriteCategory}}上新了。{{unsubscribeUrl}}";
    expect(renderFor(t, "email", wang)).toEqual({ ok: false, problems: [{ code: "MISSING_VALUE", field: "favouriteCategory" }] });
    expect(renderFor(t, "email", { ...wang, favouriteCategory: "  " })).toMatchObject({ ok: false });
  });

  it("flags a generic salutation in every language retain speaks, and a message that says nothing personal", () => {
    for (const text of ["Dear valued customer,", "Dear Customer", "尊敬的客户：", "亲爱的顾客", "親愛的顧客", "尊敬的會員"]) {
      expect(checkTemplate(`${text} {{name}} {{unsubscribeUrl}}`, "email")).toContainEqual({ code: "GENERIC_SALUTATION", text: expect.any(String) });
    }
    expect(checkTemplate("新品上市，欢迎选购！", "sms")).toEqual([{ code: "NOT_PERSONAL" }]);
    // A salutation by name is fine.
    expect(checkTemplate("Dear {{name}}, {{unsubscribeUrl}}", "email")).toEqual([]);
  });

  it("requires the unsubscribe link in e-mail, and refuses fields it does not know", () => {
    expect(checkTemplate("{{name}}您好", "email")).toEqual([{ code: "NO_UNSUBSCRIBE" }]);
    expect(checkTemplate("{{name}}您好", "sms")).toEqual([]);
    expect(checkTemplate("{{nmae}} {{name}}", "sms")).toEqual([{ code: "UNKNOWN_FIELD", field: "nmae" }]);
  });

  it("checks an e-mail's subject and body as one, and knows the fields a kind of message supplies itself", () => {
    expect(checkEmailTemplate({ subject: " ", body: "Dear customer, {{unsubscribeUrl}}" })).toEqual([
      { code: "NO_SUBJECT", part: "subject" },
      { code: "GENERIC_SALUTATION", text: "Dear customer", part: "body" },
      { code: "NOT_PERSONAL", part: "body" },
    ]);
    // a subject need not be personal itself
    expect(checkEmailTemplate({ subject: "Autumn tea", body: "{{name}}: {{unsubscribeUrl}}" })).toEqual([]);
    const invite = { subject: "{{name}}", body: "{{name}}, tell us: {{surveyUrl}} {{unsubscribeUrl}}" };
    expect(checkEmailTemplate(invite)).toEqual([{ code: "UNKNOWN_FIELD", field: "surveyUrl", part: "body" }]);
    expect(checkEmailTemplate(invite, ["surveyUrl"])).toEqual([]);
    expect(renderFor(invite.body, "email", wang, ["surveyUrl"])).toEqual({ ok: false, problems: [{ code: "MISSING_VALUE", field: "surveyUrl" }] });
    expect(renderFor(invite.body, "email", { ...wang, surveyUrl: "https://shop.example/s/1" }, ["surveyUrl"]))
      .toEqual({ ok: true, text: "王丽, tell us: https://shop.example/s/1 https://shop.example/u/abc" });
  });
});
