import { Alert, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { ParamEstimate } from "../api/predictions.api";
import { money, percent, skippedText, type WordsFormat } from "../words";

/** The formatters of a run, outside React (for charts built in a memo): its currency for money, probabilities as percentages. */
export function runFormat(locale: string, currency: string) {
  const wf: WordsFormat = { locale, currency };
  const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  return {
    locale,
    wf,
    /** A probability or a share: "44.4%". */
    pct: (v: number | null | undefined) => percent(v, locale),
    /** An amount in the run's currency (a number from a report or a customer's decimal string). */
    cash: (v: number | string | null | undefined) => money(v, wf),
    /** A figure to `d` decimals ("0.743"). */
    fixed: (v: number | null | undefined, d: number) => (finite(v) ? formatNumber(v, locale, { minimumFractionDigits: d, maximumFractionDigits: d }) : "—"),
    /** A count or a mean count, to one decimal at most. */
    count: (v: number | null | undefined) => (finite(v) ? formatNumber(v, locale, { maximumFractionDigits: 1 }) : "—"),
    /** A parameter estimate, to four significant digits. */
    sig: (v: number | null | undefined) => (finite(v) ? formatNumber(v, locale, { maximumSignificantDigits: 4 }) : "—"),
    /** An axis label: compact ("1.2万", "12K"). */
    axis: (v: number) => formatNumber(v, locale, { notation: "compact", maximumSignificantDigits: 3 }),
  };
}

/** The app's formatters (dates, counts) and those of a run in its currency. */
export function usePredictionFormat(currency: string | undefined) {
  const f = useFormat();
  return { ...f, ...runFormat(f.locale, currency || f.currency || "") };
}
export type PredictionFormat = ReturnType<typeof usePredictionFormat>;

/** A model the server skipped: the reason in the reader's words, the server's own on hover. */
export function SkippedNote({ why, testId }: { why: string; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const text = skippedText(t, why, f.locale, f.date);
  return (
    <Alert
      type="info"
      showIcon
      title={t("prediction.skippedTitle")}
      description={<Tooltip title={text === why ? null : why}><span data-testid={`${testId}-reason`}>{text}</span></Tooltip>}
      data-testid={testId}
    />
  );
}

const SYMBOL: Record<string, string> = { alpha: "α", gamma: "γ" };

/** A model's parameters with their standard errors, each with its meaning. */
export function ParamsTable({ params, help, testId }: { params: ParamEstimate[]; help: (name: string) => string; testId: string }) {
  const { t } = useTranslation();
  const p = usePredictionFormat(undefined);
  return (
    <Table<ParamEstimate>
      rowKey="name"
      size="small"
      pagination={false}
      dataSource={params}
      data-testid={testId}
      columns={[
        { key: "name", title: t("prediction.param"), width: 72, render: (_: unknown, x: ParamEstimate) => <Tooltip title={help(x.name)}><Typography.Text strong>{SYMBOL[x.name] ?? x.name}</Typography.Text></Tooltip> },
        { key: "value", title: t("prediction.estimate"), align: "right" as const, width: 96, render: (_: unknown, x: ParamEstimate) => <span data-testid={`${testId}-${x.name}`}>{p.sig(x.value)}</span> },
        { key: "se", title: t("prediction.standardError"), align: "right" as const, width: 96, render: (_: unknown, x: ParamEstimate) => (x.se === null ? <Tooltip title={t("prediction.noStandardError")}>—</Tooltip> : p.sig(x.se)) },
        { key: "meaning", title: t("prediction.meaning"), render: (_: unknown, x: ParamEstimate) => <Typography.Text type="secondary">{help(x.name)}</Typography.Text> },
      ]}
    />
  );
}

/** Whether the optimiser converged: said only when it did not. */
export function ConvergedTag({ converged }: { converged: boolean }) {
  const { t } = useTranslation();
  return converged ? null : <Tag color="warning">{t("prediction.notConverged")}</Tag>;
}
