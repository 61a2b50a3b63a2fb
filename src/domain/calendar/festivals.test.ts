import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { FESTIVALS, type FestivalKey, festival, festivalDays } from "./festivals.ts";
import { dateText, lunarDateOf, parseDate } from "./lunar.ts";

const inYear = (key: FestivalKey, year: number, options = {}): string[] =>
  festivalDays(key, parseDate(`${year}-01-01`), parseDate(`${year}-12-31`), options).map(dateText);

/*
 * Published Gregorian dates of the lunar festivals and 清明, by Gregorian year. Each cell is
 * copied from one of these publications (not computed); null where none of them gives the date.
 *
 * HK  HKSAR Government, general holidays gazetted for 2024, 2025 and 2026 (Lunar New Year's
 *     Day, Ching Ming, Tuen Ng, "the day following the Chinese Mid-Autumn Festival" – so the
 *     festival is the day before – and Chung Yeung). 2026: "政府公布二○二六年公众假期",
 *     https://www.info.gov.hk/gia/general/202505/16/P2025051300354.htm (清明 and 重阳 2026 are
 *     Sundays, so their next days, 4-06 and 10-19, are the holidays). 2024 and 2025: the same
 *     gazette lists, as reproduced at https://hkbbs.cn/archiver/tid-16.html and
 *     https://lovehklife.com/2025-xiangganggongzhongjiaqi.html.
 * SC  国务院办公厅关于2024/2025/2026年部分节假日安排的通知: 2024 (国办发明电〔2023〕7号,
 *     http://paper.people.com.cn/rmrb/html/2023-10/26/nw.D110000renmrb_20231026_3-06.htm)
 *     names 除夕 2月9日; 2025 (https://m.gmw.cn/2024-11/12/content_1303894933.htm) names
 *     "1月28日(农历除夕)"; 2026 (https://politics.gmw.cn/2025-11/04/content_38391083.htm)
 *     starts the holiday "2月15日(农历腊月二十八)", so 除夕 is 2-16.
 * PMO Purple Mountain Observatory (王科超), Xinhua via https://m.gmw.cn/2024-12/03/content_1303912710.htm:
 *     除夕 2025-01-28, 2026-02-16, 2027-02-05, 2028-01-25, 2029-02-12, each 腊月二十九; 大年三十
 *     returns in 2030. 春节 is the day after 除夕.
 * XH  Xinhua 星空有约: 2024-01-13 ("2024年2月9日是近年来最后一个大年三十"); 2025-08-28
 *     (七夕 2024-08-10, 2025-08-29), e.g. http://www.jc797.com/news/zonghe/xinxi/2025-08-28/479693.html.
 * HKO Hong Kong Observatory, "Gregorian-Lunar Calendar Conversion Table of 2028", as mirrored at
 *     https://www.scribd.com/document/770394737/2028e (1st lunar month begins 2028-01-26; its
 *     15th day is 2028-02-09). Tables: https://www.hko.gov.hk/en/gts/time/conversion.htm
 */
type Row = Record<"springFestival" | "lantern" | "qingming" | "dragonBoat" | "qixi" | "midAutumn" | "doubleNinth" | "newYearsEve", string | null>;
const PUBLISHED: Record<number, Row> = {
  2024: { springFestival: "2024-02-10", lantern: null, qingming: "2024-04-04", dragonBoat: "2024-06-10", qixi: "2024-08-10", midAutumn: "2024-09-17", doubleNinth: "2024-10-11", newYearsEve: "2024-02-09" },
  2025: { springFestival: "2025-01-29", lantern: null, qingming: "2025-04-04", dragonBoat: "2025-05-31", qixi: "2025-08-29", midAutumn: "2025-10-06", doubleNinth: "2025-10-29", newYearsEve: "2025-01-28" },
  2026: { springFestival: "2026-02-17", lantern: null, qingming: "2026-04-05", dragonBoat: "2026-06-19", qixi: null, midAutumn: "2026-09-25", doubleNinth: "2026-10-18", newYearsEve: "2026-02-16" },
  2027: { springFestival: "2027-02-06", lantern: null, qingming: null, dragonBoat: null, qixi: null, midAutumn: null, doubleNinth: null, newYearsEve: "2027-02-05" },
  2028: { springFestival: "2028-01-26", lantern: "2028-02-09", qingming: null, dragonBoat: null, qixi: null, midAutumn: null, doubleNinth: null, newYearsEve: "2028-01-25" },
  2029: { springFestival: "2029-02-13", lantern: null, qingming: null, dragonBoat: null, qixi: null, midAutumn: null, doubleNinth: null, newYearsEve: "2029-02-12" },
  2030: { springFestival: null, lantern: null, qingming: null, dragonBoat: null, qixi: null, midAutumn: null, doubleNinth: null, newYearsEve: null },
};
const KEYS = Object.keys(PUBLISHED[2024] as Row) as (keyof Row)[];
const YEARS = [2024, 2025, 2026, 2027, 2028, 2029, 2030];

describe("lunar festivals 2024–2030", () => {
  const cells = YEARS.flatMap((year) => KEYS.map((key) => [year, key, PUBLISHED[year]?.[key] ?? null] as const)).filter((c) => c[2] !== null);

  it.each(cells)("%i %s is on the published date %s", (year, key, published) => {
    expect(inYear(key, year)).toEqual([published]);
  });

  it("has 除夕 on 腊月三十 in 2024 and 2030, on 腊月二十九 in 2025–2029 (XH, PMO)", () => {
    const eveDay = (year: number): number => lunarDateOf(parseDate(inYear("newYearsEve", year)[0] ?? "")).day;
    expect(YEARS.map(eveDay)).toEqual([30, 29, 29, 29, 29, 29, 30]);
  });

  // A second, separately written library (its own lunar table); it is not a published source,
  // so it backs up the cells the publications above leave empty.
  it("agrees with chinese-days on every cell", () => {
    const lunar: Partial<Record<keyof Row, string>> = { springFestival: "01-01", lantern: "01-15", dragonBoat: "05-05", qixi: "07-07", midAutumn: "08-15", doubleNinth: "09-09" };
    for (const year of YEARS) {
      for (const key of KEYS) {
        let expected: string;
        if (key === "qingming") expected = chineseDays.getSolarTermDate(year, 4, "pure_brightness");
        else if (key === "newYearsEve") expected = dateText(parseDate(chineseDays.getSolarDateFromLunar(`${year}-01-01`).date) - 1);
        else expected = chineseDays.getSolarDateFromLunar(`${year}-${lunar[key]}`).date;
        expect([year, key, inYear(key, year)]).toEqual([year, key, [expected]]);
      }
    }
  });
});

describe("other festivals", () => {
  it("puts Mother's Day on the 2nd Sunday of May and Father's Day on the 3rd Sunday of June", () => {
    for (const year of YEARS) {
      const [mother] = inYear("mothersDay", year);
      const [father] = inYear("fathersDay", year);
      const sunday = (d: string | undefined): number => new Date(`${d}T00:00:00Z`).getUTCDay();
      expect(sunday(mother)).toBe(0);
      expect(Number(mother?.slice(8))).toBeGreaterThanOrEqual(8);
      expect(Number(mother?.slice(8))).toBeLessThanOrEqual(14);
      expect(sunday(father)).toBe(0);
      expect(Number(father?.slice(8))).toBeGreaterThanOrEqual(15);
      expect(Number(father?.slice(8))).toBeLessThanOrEqual(21);
    }
    expect(inYear("mothersDay", 2024)).toEqual(["2024-05-12"]);
    expect(inYear("fathersDay", 2024)).toEqual(["2024-06-16"]);
  });

  it("has the fixed Gregorian holidays on their dates", () => {
    expect(["newYear", "valentines", "womensDay", "labourDay", "childrensDay", "teachersDay", "nationalDay", "christmas"].map((k) => inYear(k as FestivalKey, 2025)[0]))
      .toEqual(["2025-01-01", "2025-02-14", "2025-03-08", "2025-05-01", "2025-06-01", "2025-09-10", "2025-10-01", "2025-12-25"]);
  });

  it("puts 小年 on 腊月廿三 in the north (default) and 廿四 in the south", () => {
    expect(inYear("xiaonian", 2025)).toEqual(["2025-01-22"]);
    expect(inYear("xiaonian", 2025, { xiaonian: "south" })).toEqual(["2025-01-23"]);
    expect(lunarDateOf(parseDate("2025-01-22"))).toEqual({ year: 2024, month: 12, day: 23, leap: false });
  });

  it("keeps lunar festivals in the ordinary month: 端午 2028 is in 五月, not 闰五月", () => {
    expect(inYear("dragonBoat", 2028)).toEqual(["2028-05-28"]);
    expect(lunarDateOf(parseDate("2028-05-28"))).toEqual({ year: 2028, month: 5, day: 5, leap: false });
  });

  it("lists both when a festival falls twice in one Gregorian year (腊八 2022: Jan 10 and Dec 30)", () => {
    expect(inYear("laba", 2022)).toEqual(["2022-01-10", "2022-12-30"]);
  });
});

describe("the festival table", () => {
  it("has unique keys and a zh-CN, zh-TW and en name for each", () => {
    expect(new Set(FESTIVALS.map((f) => f.key)).size).toBe(FESTIVALS.length);
    for (const f of FESTIVALS) for (const name of Object.values(f.names)) expect(name.length).toBeGreaterThan(0);
    expect(festival("midAutumn").names).toEqual({ "zh-CN": "中秋节", "zh-TW": "中秋節", en: "Mid-Autumn Festival" });
  });

  it("rejects an unknown key", () => {
    expect(() => festival("easter")).toThrow(RangeError);
  });
});
