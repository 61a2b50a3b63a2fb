import { QuestionCircleOutlined } from "@ant-design/icons";
import { Card, Space, Statistic, Tooltip, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { Elements, PatternItem } from "../api/patterns.api";

/** A title with its definition in a tooltip; the icon carries `<testId>` when given. */
export function WithHelp({ title, help, testId }: { title: ReactNode; help: string; testId?: string }) {
  return (
    <Space size={4}>
      {title}
      <Tooltip title={help}>
        <QuestionCircleOutlined aria-label={help} data-testid={testId} />
      </Tooltip>
    </Space>
  );
}

/** One KPI: its figure, a note under it, and its definition in a tooltip (`<testId>-help`). */
export function Kpi({ testId, title, help, value, note }: { testId: string; title: string; help: string; value: string; note?: ReactNode }) {
  return (
    <Card style={{ height: "100%" }} size="small">
      <Statistic title={<WithHelp title={title} help={help} testId={`${testId}-help`} />} value={value} data-testid={testId} />
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
    </Card>
  );
}

/** Shares, ratios and counts in the reader's language. */
export function usePatternFormat() {
  const f = useFormat();
  return {
    ...f,
    /** 0.0066 → "0.66%": shares under 10% keep two decimals, larger ones one. */
    pct: (v: number | null | undefined) => {
      if (v === null || v === undefined) return "—";
      const digits = Math.abs(v) < 0.1 ? 2 : 1;
      return formatNumber(v, f.locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits });
    },
    /** A ratio such as a lift, to `digits` decimals. */
    ratio: (v: number | null | undefined, digits = 2) =>
      v === null || v === undefined ? "—" : formatNumber(v, f.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
    /** Days, to one decimal at most. */
    days: (v: number | null | undefined) => (v === null || v === undefined ? "—" : formatNumber(v, f.locale, { maximumFractionDigits: 1 })),
  };
}

/** Items bought together, in the reader's language ("A and B", "A和B"). */
export function itemsText(items: PatternItem[], locale: string): string {
  return new Intl.ListFormat(locale, { style: "short", type: "conjunction" }).format(items.map((i) => i.label));
}

/** A set of items as a side of a rule or a purchase of a sequence: "A + B". */
export const itemSet = (items: PatternItem[]): string => items.map((i) => i.label).join(" + ");

/** A sequence of purchases: "A → B + C → D". */
export const sequenceText = (elements: Elements): string => elements.map(itemSet).join(" → ");

/** A key for a sequence of purchases, from the items' keys. */
export const sequenceKey = (elements: Elements): string => elements.map((e) => e.map((i) => i.key).join("+")).join(">");
