import { Col, DatePicker, Form, Segmented, Select } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { SEGMENT_SCHEMES, type SegmentScheme } from "../../segments/api/segments.api";
import { useSnapshots } from "../../segments/hooks/useSegments";
import { SEGMENT_ORDER, segmentLabel } from "../../segments/labels";
import type { PatternLevel, PatternScope } from "../api/patterns.api";
import { WINDOWS } from "../scope";

/** Where each scheme's name is translated (the 360's value card names them too). */
const SCHEME_KEY: Record<SegmentScheme, string> = {
  tier: "customerValue.tier",
  decile: "customerValue.decile",
  type: "customerValue.type",
  profitGroup: "customerValue.profitGroup",
  loyalty: "customerValue.loyalty",
  ladder: "customerValue.ladder",
  rfm: "customerValue.rfmSegment",
  rfm8: "value.rfm8.schemeName",
};

/**
 * The scope fields of a pattern form (inside its antd Form): the as-of date, the window,
 * the level (products or categories), and optionally one segment of a saved snapshot.
 * Test ids are `<prefix>-as-of`, `-window`, `-level`, `-segment`, `-snapshot`.
 */
export function ScopeFields({ prefix, level = true, windows = WINDOWS }: { prefix: string; level?: boolean; windows?: readonly string[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const snapshots = useSnapshots();
  const items = snapshots.data?.items ?? [];
  const segment = Form.useWatch<string | undefined>("segment");
  const tr = t as unknown as (key: string) => string;
  const none = items.length === 0;

  return (
    <>
      <Col xs={24} sm={12} lg={6}>
        <Form.Item name="asOf" label={t("patterns.asOf")}>
          <DatePicker allowClear placeholder={t("value.asOfDefault")} style={{ width: "100%" }} data-testid={`${prefix}-as-of`} />
        </Form.Item>
      </Col>
      <Col xs={12} sm={6} lg={4}>
        <Form.Item name="window" label={t("patterns.window")}>
          <Select options={windows.map((w) => ({ value: w, label: t(`patterns.windows.${w as "all"}`) }))} data-testid={`${prefix}-window`} />
        </Form.Item>
      </Col>
      {level ? (
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="level" label={t("patterns.level")}>
            <Segmented<PatternLevel> options={[{ value: "product", label: t("patterns.levels.product") }, { value: "category", label: t("patterns.levels.category") }]} data-testid={`${prefix}-level`} />
          </Form.Item>
        </Col>
      ) : null}
      <Col xs={24} sm={12} lg={5}>
        <Form.Item name="segment" label={t("patterns.segment")} extra={none && !snapshots.isPending ? t("patterns.noSnapshot") : undefined}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            disabled={none}
            loading={snapshots.isPending}
            placeholder={t("patterns.allCustomers")}
            options={SEGMENT_SCHEMES.map((scheme) => ({
              label: tr(SCHEME_KEY[scheme]),
              title: scheme,
              options: SEGMENT_ORDER[scheme].map((v) => ({ value: `${scheme}:${v}`, label: segmentLabel(t, scheme, v) })),
            }))}
            data-testid={`${prefix}-segment`}
          />
        </Form.Item>
      </Col>
      <Col xs={24} sm={12} lg={5}>
        <Form.Item name="snapshot" label={t("patterns.snapshot")}>
          <Select
            allowClear
            disabled={!segment || none}
            placeholder={items[0] ? t("patterns.latestSnapshot", { date: f.date(items[0].asOf) }) : t("patterns.noSnapshotShort")}
            options={items.map((s) => ({ value: s.asOf, label: f.date(s.asOf) }))}
            data-testid={`${prefix}-snapshot`}
          />
        </Form.Item>
      </Col>
    </>
  );
}

/** What an analysis read, in a sentence: the window's dates (or every order), the level, and the segment. */
export function useScopeText() {
  const { t } = useTranslation();
  const f = useFormat();
  const tr = t as unknown as (key: string) => string;
  return (scope: PatternScope, level?: PatternLevel): string => {
    const dates = scope.window === "all" ? t("patterns.scopeAll", { to: f.date(scope.to) }) : t("patterns.scopeDates", { from: f.date(scope.from), to: f.date(scope.to) });
    const s = scope.segment;
    const who = s && Object.hasOwn(SCHEME_KEY, s.scheme)
      ? t("patterns.scopeSegment", { scheme: tr(SCHEME_KEY[s.scheme as SegmentScheme]), segment: segmentLabel(t, s.scheme as SegmentScheme, s.segment), date: f.date(s.asOf) })
      : s ? t("patterns.scopeSegment", { scheme: s.scheme, segment: s.segment, date: f.date(s.asOf) }) : t("patterns.scopeEveryone");
    return [dates, level ? t(`patterns.scopeLevel.${level}`) : null, who].filter(Boolean).join(t("patterns.scopeJoin"));
  };
}
