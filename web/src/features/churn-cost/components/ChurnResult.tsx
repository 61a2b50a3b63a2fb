import { Alert, Card, Descriptions, Spin, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { CHURN_INPUTS, type ChurnCostReport } from "../api/churn-cost.api";
import { toPercent } from "../percent";

/** The cost of the lost customers, step by step, and the formula written out with the numbers used. */
export function ChurnResult({ r, updating }: { r: ChurnCostReport; updating: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const exact = (v: string) => formatNumber(v, f.locale, { maximumFractionDigits: 20 });
  const c = r.churnCost;
  const inBase = r.inputs.fxRate.value === "1";
  // Before the exchange rate, amounts are in the currency the order value was typed in.
  const orderMoney = (v: string) => (inBase ? f.money(v, r.currency) : formatNumber(v, f.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  const months = r.inputs.months.value ?? "";
  const nowrap = (text: string) => <span style={{ whiteSpace: "nowrap" }}>{text}</span>;

  return (
    <Card title={t("churnCost.resultTitle")} extra={updating ? <Spin size="small" /> : null}>
      {c ? (
        <>
          <Statistic title={t("churnCost.total", { months: exact(months) })} value={f.money(c.total, r.currency)} data-testid="churn-total" />
          <Typography.Paragraph style={{ marginTop: 16 }} data-testid="churn-formula">
            <Typography.Text type="secondary">{CHURN_INPUTS.map((n) => t(`churnCost.inputs.${n}`)).join(" × ")}</Typography.Text>
            <br />
            <Typography.Text strong>
              {CHURN_INPUTS.map((n) => {
                const v = r.inputs[n].value!;
                return n === "marginRate" ? `${exact(toPercent(v))}%` : n === "orderValue" ? (inBase ? f.money(v, r.currency) : exact(v)) : exact(v);
              }).join(" × ")}
              {" = "}
              {f.money(c.total, r.currency)}
            </Typography.Text>
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered data-testid="churn-steps"
            items={[
              { key: "sales", label: t("churnCost.steps.monthlySales"), children: nowrap(orderMoney(c.monthlySales)) },
              { key: "margin", label: t("churnCost.steps.monthlyMargin"), children: nowrap(orderMoney(c.monthlyMargin)) },
              { key: "base", label: t("churnCost.steps.monthlyMarginBase", { currency: r.currency }), children: nowrap(f.money(c.monthlyMarginBase, r.currency)) },
              { key: "total", label: t("churnCost.steps.total", { months: exact(months) }), children: <Typography.Text strong>{nowrap(f.money(c.total, r.currency))}</Typography.Text> },
            ]} />
        </>
      ) : (
        <Alert type="warning" showIcon data-testid="churn-missing"
          title={t("churnCost.missing", { inputs: r.missing.map((n) => t(`churnCost.inputs.${n}`)).join(t("churnCost.listSeparator")) })} />
      )}
    </Card>
  );
}
