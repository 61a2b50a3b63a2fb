import { Alert, Col, DatePicker, Row, Select, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useDebounced } from "../../../lib/useDebounced";
import { formatMonth } from "../../../lib/month";
import { CHURN_INPUTS, type ChurnCostQuery, type ChurnCostReport, type ChurnInputName } from "../api/churn-cost.api";
import { useChurnCost } from "../hooks/useChurnCost";
import { toFraction } from "../percent";
import { ChurnInputsForm, type Edits } from "./ChurnInputsForm";
import { ChurnResult } from "./ChurnResult";
import { SensitivityCard, type SensitivityEdits } from "./SensitivityCard";

const PERIODS = [3, 6, 12, 24] as const;

/** The query for what the user has typed: only the inputs they changed replace the measured ones. */
function queryOf(asOf: string | undefined, period: number, edits: Edits, s: SensitivityEdits): ChurnCostQuery {
  const q: ChurnCostQuery = { asOf, period, reduction: s.reductionPoints / 100, discountRate: s.discountPercent / 100 };
  for (const n of CHURN_INPUTS) {
    const v = edits[n];
    if (v) q[n] = n === "marginRate" ? toFraction(v) : v;
  }
  if (s.churnPercent !== undefined && s.churnPercent !== null) q.churnRate = s.churnPercent / 100;
  return q;
}

/**
 * The churn-cost calculator (seed 001's 流失成本分析) over the business's own figures: each
 * input measured from the data and open to change, the cost worked out step by step, and
 * what keeping more customers is worth (definitions: docs/value.md, "The cost of churn").
 */
export default function ChurnCostPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [period, setPeriod] = useState<number>(12);
  const [edits, setEdits] = useState<Edits>({});
  const [sens, setSens] = useState<SensitivityEdits>({ reductionPoints: 5, discountPercent: 10 });
  // Typing recomputes once the user pauses; the last result stays until the next arrives.
  const query = useDebounced(queryOf(asOf, period, edits, sens), 350);
  const report = useChurnCost(query);
  const setInput = (n: ChurnInputName, v: string | null | undefined) => setEdits((e) => ({ ...e, [n]: v }));

  const filters = (
    <Space wrap>
      <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(d) => setAsOf(d ? d.format("YYYY-MM-DD") : undefined)} placeholder={t("value.asOfDefault")} allowClear data-testid="churn-as-of" />
      <Select value={period} onChange={setPeriod} style={{ width: 150 }} options={PERIODS.map((n) => ({ value: n, label: t("cohorts.periodMonths", { n }) }))} data-testid="churn-period" />
    </Space>
  );

  // A refused input (a 400) must not take the form away: the last result stays, the field says what is wrong.
  const lastGood = useRef<ChurnCostReport | undefined>(undefined);
  if (report.data) lastGood.current = report.data;
  const r = report.data ?? lastGood.current;
  let body;
  if (report.isPending) body = <PageSpin />;
  else if (report.isError && !r) body = <ErrorResult error={report.error} onRetry={() => void report.refetch()} />;
  else if (r) {
    const p = r.period;
    body = (
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        {r.measured.basis === "none" ? (
          <Alert type="info" showIcon data-testid="churn-empty"
            title={t("churnCost.empty", { previousFrom: formatMonth(p.previousFrom, f.locale), previousTo: formatMonth(p.previousTo, f.locale) })} />
        ) : null}
        {report.isError ? <ErrorResult error={report.error} inline /> : null}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={11}>
            <ChurnInputsForm r={r} edits={edits} edited={CHURN_INPUTS.some((n) => edits[n] !== undefined) || sens.churnPercent !== undefined} onChange={setInput} onReset={() => {
              setEdits({});
              setSens((e) => ({ ...e, churnPercent: undefined }));
            }} error={report.isError ? report.error : null} />
          </Col>
          <Col xs={24} xl={13}>
            <Space direction="vertical" size={16} style={{ width: "100%" }}>
              <ChurnResult r={r} updating={report.isFetching} />
              <SensitivityCard r={r} edits={sens} onChange={setSens} />
            </Space>
          </Col>
        </Row>
      </Space>
    );
  }

  return (
    <>
      <PageHeader title={t("nav.churnCost")} extra={filters} />
      {r ? (
        <Typography.Paragraph type="secondary" data-testid="churn-period-text">
          {t("churnCost.periodText", {
            previousFrom: formatMonth(r.period.previousFrom, f.locale), previousTo: formatMonth(r.period.previousTo, f.locale),
            from: formatMonth(r.period.from, f.locale), to: formatMonth(r.period.to, f.locale),
          })}
        </Typography.Paragraph>
      ) : null}
      {body}
    </>
  );
}
