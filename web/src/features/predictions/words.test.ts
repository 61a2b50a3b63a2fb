import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import en from "../../i18n/locales/en.json";
import zhCN from "../../i18n/locales/zh-CN.json";
import { chosenText, clvSegmentName, contrastText, effectSize, featureLabel, FEATURES, profileText, reasonText, skippedText } from "./words";

const f = { locale: "en", currency: "CNY" };
let t: TFunction;
let zh: TFunction;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: "en", resources: { en: { translation: en }, "zh-CN": { translation: zhCN } }, interpolation: { escapeValue: false } });
  t = i18n.getFixedT("en");
  zh = i18n.getFixedT("zh-CN");
});

describe("reasons in words", () => {
  it("words each feature from its value", () => {
    expect(reasonText(t, { feature: "recencyDays", value: 120, contribution: 0.5 }, f, 90)).toBe("no purchase for 120 days");
    expect(reasonText(t, { feature: "purchaseDays", value: 1, contribution: 0.5 }, f, 90)).toBe("only one purchase");
    expect(reasonText(t, { feature: "purchaseDays90", value: 0, contribution: 0.5 }, f, 90)).toBe("no purchase in the last 90 days");
    expect(reasonText(t, { feature: "pAlive", value: 0.0123, contribution: 0.5 }, f, 90)).toBe("P(alive) of 1.2%");
    expect(reasonText(t, { feature: "netSales365", value: 1234.5, contribution: 0.5 }, f, 90)).toBe("net sales of CN¥1,234.50 in the last 365 days");
    expect(reasonText(t, { feature: "expectedPurchases", value: 0.25, contribution: 0.5 }, f, 60)).toBe("only 0.25 purchases expected in the next 60 days");
    expect(reasonText(zh, { feature: "recencyDays", value: 120, contribution: 0.5 }, { locale: "zh-CN", currency: "CNY" }, 90)).toBe("已 120 天没有购买");
  });

  it("reads a missing mean gap or overdue ratio as a customer who bought once", () => {
    expect(reasonText(t, { feature: "meanGapDays", value: null, contribution: 0.5 }, f, 90)).toBe("has bought only once");
    expect(reasonText(t, { feature: "overdueRatio", value: null, contribution: 0.5 }, f, 90)).toBe("has bought only once");
  });

  it("shows a feature it does not know as it came", () => {
    expect(reasonText(t, { feature: "mystery", value: 2, contribution: 0.1 }, f, 90)).toBe("mystery: 2");
  });

  it("has a label and a reason for every feature, in every catalogue", () => {
    for (const name of FEATURES) {
      expect(featureLabel(t, name)).not.toContain("prediction.");
      expect(featureLabel(zh, name)).not.toContain("prediction.");
      expect(reasonText(zh, { feature: name, value: 2, contribution: 1 }, f, 90)).not.toContain("prediction.");
    }
  });
});

describe("profiles and contrasts in words", () => {
  it("builds a cluster's profile from its top features", () => {
    const top = [
      { feature: "netSales365", direction: "lower", size: "much", d: -0.81 },
      { feature: "recencyDays", direction: "higher", size: "somewhat", d: 0.77 },
    ];
    expect(profileText(t, top, "en")).toBe("much lower net sales in the last 365 days and somewhat higher days since the last purchase than the average");
    expect(profileText(zh, top, "zh-CN")).toBe("与平均相比：近 365 天净销售额明显偏低和距上次购买天数较为偏高");
    expect(profileText(t, [], "en")).toBe("Close to the average on every feature");
  });

  it("says how the customers who left differ, for effects of at least a small size", () => {
    expect(contrastText(t, { feature: "recencyDays", meanA: 110.5, meanB: 45.1, d: 1.0 }, f)).toBe("much higher days since the last purchase: 110.5 against 45.1 for those who stayed");
    expect(contrastText(t, { feature: "recencyDays", meanA: 50, meanB: 49, d: 0.1 }, f)).toBeNull();
    expect(effectSize(-0.5)).toBe("somewhat");
    expect(effectSize(0.19)).toBeNull();
  });
});

describe("the server's reasons", () => {
  const date = (d: string) => d;
  it("words the known reasons for a skipped model, and keeps any other", () => {
    expect(skippedText(t, "less than a year and a half of history before 2026-06-30", "en", date)).toContain("Less than a year and a half of history before 2026-06-30");
    expect(skippedText(t, "too few customers to learn from: 150 active on 2026-04-01, 12 of them left (need 200, and 20 of each)", "en", date))
      .toBe("Too few customers to learn from: 150 were active on 2026-04-01, 12 of them left; the churn model needs 200, and 20 of each.");
    expect(skippedText(t, "fewer than 30 repeat buyers: no spend model, CLV without an interval", "en", date)).toBe("Fewer than 30 repeat buyers: no spend model. CLV uses each customer's own mean purchase and has no interval.");
    expect(skippedText(t, "something new", "en", date)).toBe("something new");
  });

  it("words why a model was chosen", () => {
    expect(chosenText(t, "logistic regression: validation AUC 0.805 against 0.798 for boosted trees", "en")).toBe("validation AUC 0.805 against 0.798 for boosted trees");
    expect(chosenText(t, "ridge regression: validation RMSE 1234 against 1234 for boosted trees (a tie goes to the simpler model)", "en"))
      .toBe("validation RMSE 1,234 against 1,234 for boosted trees (a tie goes to the simpler model)");
  });

  it("names CLV segments: tiers, clusters counted from 1, and the inactive", () => {
    expect(clvSegmentName(t, "tier@2026-06-30", "key", (x) => `tier ${x}`)).toBe("tier key");
    expect(clvSegmentName(t, "cluster", "0", (x) => x)).toBe("Cluster 1");
    expect(clvSegmentName(t, "cluster", "inactive", (x) => x)).toBe("Not active");
  });
});
