import { Button, Card, Form, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { formatMonth } from "../../../lib/month";
import { CHURN_INPUTS, type ChurnCostReport, type ChurnInputName } from "../api/churn-cost.api";
import { toPercent } from "../percent";

/** What the user typed, per input (the margin rate as a percentage); null: cleared; absent: the measured or default value. */
export type Edits = Partial<Record<ChurnInputName, string | null>>;

/** Inputs that can be below zero: an order value or a margin after returns and costs. */
const SIGNED = new Set<ChurnInputName>(["orderValue", "marginRate"]);

/** The value an input shows: the user's text, else the server's value (the margin rate as a percentage). */
export function shownValue(r: ChurnCostReport, edits: Edits, n: ChurnInputName): string | null {
  if (edits[n] !== undefined) return edits[n];
  const v = r.inputs[n].value;
  return v !== null && n === "marginRate" ? toPercent(v) : v;
}

/** The calculator's six inputs, prefilled with the measured values, each saying where its value comes from. */
export function ChurnInputsForm({ r, edits, edited, onChange, onReset, error }: {
  r: ChurnCostReport;
  edits: Edits;
  /** Whether anything on the page differs from the measured values: the reset button shows. */
  edited: boolean;
  onChange: (n: ChurnInputName, v: string | null | undefined) => void;
  onReset: () => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const failed = isApiError(error) && error.field ? error.field.replace(/^query\./, "") : null;

  return (
    <Card
      title={t("churnCost.inputsTitle")}
      extra={edited ? <Button size="small" onClick={onReset} data-testid="churn-reset">{t("churnCost.resetAll")}</Button> : null}
    >
      <Form layout="vertical" component="div">
        {CHURN_INPUTS.map((n) => {
          const input = r.inputs[n];
          const mine = edits[n] !== undefined && edits[n] !== null;
          const addon = n === "marginRate" ? "%" : n === "orderValue" ? (r.inputs.fxRate.value === "1" ? r.currency : t("churnCost.orderCurrency")) : n === "months" ? t("churnCost.monthsUnit") : undefined;
          return (
            <Form.Item
              key={n}
              label={t(`churnCost.inputs.${n}`)}
              validateStatus={failed === n ? "error" : undefined}
              help={failed === n ? <span data-testid={`churn-invalid-${n}`}>{t("churnCost.invalid")}</span> : undefined}
              extra={
                <span data-testid={`churn-source-${n}`}>
                  <Source r={r} n={n} mine={mine} cleared={edits[n] === null} locale={f.locale} />
                  {edits[n] !== undefined ? (
                    <Button type="link" size="small" onClick={() => onChange(n, undefined)} data-testid={`churn-reset-${n}`}>
                      {t(input.measured !== null ? "churnCost.useMeasured" : "churnCost.useDefault")}
                    </Button>
                  ) : null}
                </span>
              }
            >
              <InputNumber<string>
                stringMode
                min={SIGNED.has(n) ? undefined : "0"}
                value={shownValue(r, edits, n)}
                onChange={(v) => onChange(n, v === null || v === "" ? null : String(v))}
                addonAfter={addon}
                style={{ width: "100%", maxWidth: 280 }}
                data-testid={`churn-input-${n}`}
              />
            </Form.Item>
          );
        })}
      </Form>
    </Card>
  );
}

/** Where an input's value comes from, in words: the measure and what it was measured on, a default, or the user. */
function Source({ r, n, mine, cleared, locale }: { r: ChurnCostReport; n: ChurnInputName; mine: boolean; cleared: boolean; locale: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const input = r.inputs[n];
  const m = r.measured;
  const p = r.period;
  const months = { previousFrom: formatMonth(p.previousFrom, locale), previousTo: formatMonth(p.previousTo, locale), from: formatMonth(p.from, locale), to: formatMonth(p.to, locale) };
  const measured = input.measured === null ? null : n === "marginRate" ? `${formatNumber(toPercent(input.measured), locale, { maximumFractionDigits: 20 })}%` : formatNumber(input.measured, locale, { maximumFractionDigits: 20 });
  if (mine) return <Typography.Text type="secondary">{measured === null ? t("churnCost.source.given") : t("churnCost.source.givenMeasured", { measured })}</Typography.Text>;
  if (input.value === null || cleared) {
    return <Typography.Text type={input.value === null ? "warning" : "secondary"}>{input.value === null ? t(n === "marginRate" && m.basis !== "none" ? "churnCost.source.noCost" : "churnCost.source.missing") : t("churnCost.source.cleared", { value: measured ?? input.value })}</Typography.Text>;
  }
  if (input.source === "default") return <Typography.Text type="secondary">{t(n === "fxRate" ? "churnCost.source.fxRate" : "churnCost.source.months", { currency: r.currency })}</Typography.Text>;
  if (m.basis === "none") return <Typography.Text type="secondary">{t("cohorts.noPrevious", { from: months.previousFrom, to: months.previousTo })}</Typography.Text>;
  const whose = t(m.basis === "lost" ? "churnCost.basis.lost" : "churnCost.basis.previous");
  const text = {
    lostCustomers: t("churnCost.source.lostCustomers", { ...months, previous: f.number(m.previousCustomers), retained: f.number(m.retained) }),
    ordersPerMonth: t("churnCost.source.ordersPerMonth", { whose, orders: f.number(m.orders), customers: f.number(m.customers), months: p.months, ...months }),
    orderValue: t("churnCost.source.orderValue", { whose, net: f.money(m.netSales, r.currency), orders: f.number(m.orders) }),
    marginRate: t("churnCost.source.marginRate", { whose, share: formatNumber(m.costedShare ?? 0, locale, { style: "percent", maximumFractionDigits: 1 }) }),
    fxRate: "",
    months: "",
  }[n];
  return <Typography.Text type="secondary">{text}</Typography.Text>;
}
