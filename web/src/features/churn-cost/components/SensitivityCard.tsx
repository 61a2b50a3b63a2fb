import { Alert, Button, Card, Descriptions, Form, InputNumber, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import type { ChurnCostReport } from "../api/churn-cost.api";

/** The sensitivity's inputs as typed: the churn rate (absent: measured; null: cleared), how many points lower, and the discount rate, in percent. */
export interface SensitivityEdits {
  churnPercent?: number | null;
  reductionPoints: number;
  discountPercent: number;
}

/** What a lower churn rate adds to each customer's lifetime margin (Gupta & Lehmann's margin multiple). */
export function SensitivityCard({ r, edits, onChange }: { r: ChurnCostReport; edits: SensitivityEdits; onChange: (e: SensitivityEdits) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const pct = (v: number | null) => (v === null ? "—" : formatNumber(v, f.locale, { style: "percent", maximumFractionDigits: 1 }));
  const nowrap = (text: string) => <span style={{ whiteSpace: "nowrap" }}>{text}</span>;
  const money = (v: number) => nowrap(Number.isFinite(v) ? f.money(v.toFixed(2), r.currency) : "—");
  const measured = r.measured.churnRate;
  const churnShown = edits.churnPercent !== undefined ? edits.churnPercent : measured === null ? null : Math.round(measured * 10_000) / 100;
  const s = r.sensitivity;

  return (
    <Card title={t("churnCost.sens.title")} data-testid="churn-sensitivity">
      <Form layout="vertical" component="div">
        <Space wrap align="start" size={16}>
          <Form.Item label={t("churnCost.sens.churnRate")} style={{ marginBottom: 8 }}
            extra={
              <span data-testid="churn-sens-churn-source">
                {edits.churnPercent !== undefined && edits.churnPercent !== null
                  ? measured === null ? t("churnCost.source.given") : t("churnCost.source.givenMeasured", { measured: pct(measured) })
                  : measured === null ? t("churnCost.sens.churnNone") : t("churnCost.sens.churnMeasured", { lost: f.number(r.measured.lost), previous: f.number(r.measured.previousCustomers) })}
                {edits.churnPercent !== undefined ? (
                  <Button type="link" size="small" onClick={() => onChange({ ...edits, churnPercent: undefined })} data-testid="churn-sens-churn-reset">{t("churnCost.useMeasured")}</Button>
                ) : null}
              </span>
            }>
            <InputNumber min={0.01} max={100} step={1} precision={2} value={churnShown} addonAfter="%" style={{ width: 140 }}
              onChange={(v) => onChange({ ...edits, churnPercent: v })} data-testid="churn-sens-churn" />
          </Form.Item>
          <Form.Item label={t("churnCost.sens.reduction")} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={99} step={1} value={edits.reductionPoints} addonAfter={t("churnCost.sens.points")} style={{ width: 140 }}
              onChange={(v) => v !== null && onChange({ ...edits, reductionPoints: v })} data-testid="churn-sens-reduction" />
          </Form.Item>
          <Form.Item label={t("churnCost.sens.discountRate")} style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={1000} step={1} value={edits.discountPercent} addonAfter="%" style={{ width: 120 }}
              onChange={(v) => v !== null && onChange({ ...edits, discountPercent: v })} data-testid="churn-sens-discount" />
          </Form.Item>
        </Space>
      </Form>
      {s ? (
        <>
          <Typography.Paragraph strong data-testid="churn-sens-increase">
            {t("churnCost.sens.result", { before: pct(s.churnRate), after: pct(s.churnRate - s.reduction), increase: pct(s.increase) })}
          </Typography.Paragraph>
          <Descriptions size="small" column={1} bordered
            items={[
              { key: "m", label: t("churnCost.sens.marginPerPeriod", { months: r.period.months }), children: nowrap(f.money(s.marginPerPeriod, r.currency)) },
              { key: "before", label: t("churnCost.sens.lifetimeBefore", { retention: pct(s.retentionBefore) }), children: money(s.lifetimeMarginBefore) },
              { key: "after", label: t("churnCost.sens.lifetimeAfter", { retention: pct(s.retentionAfter) }), children: money(s.lifetimeMarginAfter) },
            ]} />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>{t("churnCost.sens.model", { months: r.period.months })}</Typography.Paragraph>
        </>
      ) : (
        <Alert type="info" showIcon data-testid="churn-sens-issue" title={t(`churnCost.sens.issues.${r.sensitivityIssue ?? "missingInputs"}`)} />
      )}
    </Card>
  );
}
