import { Alert, Card, Col, DatePicker, Empty, Row, Select, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../api/errors";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useDebounced } from "../../../lib/useDebounced";
import { usePatternFormat } from "../../patterns/components/bits";
import { INPUTS, type ComplaintSensitivity, type InputName, type SensitivityResult } from "../api/complaint-sensitivity.api";
import { useSensitivityDefaults, useSensitivityResult } from "../hooks/useComplaintSensitivity";
import { currentInputs, currentProgrammes, failedField, inputValue, toFraction, type Edits, type ProgrammeEdits } from "../model";
import { InputsCard } from "./InputsCard";
import { ProgrammesCard } from "./ProgrammesCard";
import { ResultCard } from "./ResultCard";

const WINDOWS = [30, 60, 90, 180, 365] as const;

/**
 * The complaint sensitivity model (敏感分析, seed 000): the sales lost to customers' problems
 * and what programmes that cut problems or hear and solve more complaints win back, from the
 * business's own figures, every input open to change (definitions: docs/complaints.md,
 * "Sensitivity model"; the server computes every figure).
 */
export default function ComplaintSensitivityPage() {
  const { t } = useTranslation();
  const f = usePatternFormat();
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [windowDays, setWindowDays] = useState<number>(90);
  const [edits, setEdits] = useState<Edits>({});
  const [programmeEdits, setProgrammeEdits] = useState<ProgrammeEdits[]>([{}, {}]);

  // The complaint share c goes to the server, which derives p = q ÷ c from the data.
  const c = edits.complainShare ? toFraction(edits.complainShare) : undefined;
  const query = useDebounced(useMemo(() => ({ asOf, windowDays, complainShare: c }), [asOf, windowDays, c]), 350);
  const defaults = useSensitivityDefaults(query);
  // A refused figure (a 400) must not take the form away: the last defaults stay.
  const lastGood = useRef<ComplaintSensitivity | undefined>(undefined);
  if (defaults.data) lastGood.current = defaults.data;
  const d = defaults.data ?? lastGood.current;

  const inputs = useMemo(() => (d ? currentInputs(d, edits) : null), [d, edits]);
  const body = useMemo(() => (inputs ? { inputs, programmes: currentProgrammes(inputs, programmeEdits) } : null), [inputs, programmeEdits]);
  const run = useSensitivityResult(useDebounced(body, 350));
  const lastResult = useRef<SensitivityResult | undefined>(undefined);
  if (run.data) lastResult.current = run.data;
  // Until the user changes something, the result is the one that came with the defaults.
  const result = body === null ? null : run.data ?? lastResult.current ?? d?.result ?? null;
  const refusal = run.isError ? run.error : defaults.isError ? defaults.error : null;
  const failed = isApiError(refusal) ? failedField(refusal.field) : null;

  const setInput = (n: InputName, v: string | null | undefined) => setEdits((e) => ({ ...e, [n]: v }));
  const filters = (
    <Space wrap>
      <DatePicker value={asOf ? dayjs(asOf) : null} onChange={(x) => setAsOf(x ? x.format("YYYY-MM-DD") : undefined)} placeholder={t("value.asOfDefault")} allowClear data-testid="sensitivity-as-of" />
      <Select value={windowDays} onChange={setWindowDays} style={{ width: 170 }} options={WINDOWS.map((n) => ({ value: n, label: t("complaintAnalysis.windowDays", { n }) }))} data-testid="sensitivity-window" />
    </Space>
  );

  let content;
  if (!d && defaults.isPending) content = <PageSpin />;
  else if (!d) content = <ErrorResult error={defaults.error} onRetry={() => void defaults.refetch()} />;
  else if (d.measured.customers === 0) {
    content = (
      <Card>
        <Empty description={t("complaintSensitivity.empty", { from: f.date(d.period.from), to: f.date(d.period.to) })} data-testid="sensitivity-empty" />
      </Card>
    );
  } else {
    const missing = INPUTS.filter((n) => inputValue(d, edits, n) === null);
    content = (
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={8}>
          <InputsCard d={d} edits={edits} failed={failed} onChange={setInput} onReset={() => setEdits({})} />
        </Col>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: "100%" }}>
            {refusal && !failed ? <ErrorResult error={refusal} onRetry={() => void (run.isError ? run.refetch() : defaults.refetch())} inline /> : null}
            {missing.length ? (
              <Alert type="warning" showIcon data-testid="sensitivity-missing"
                title={t("complaintSensitivity.missing", { inputs: missing.map((n) => t(`complaintSensitivity.inputs.${n}`)).join(t("churnCost.listSeparator")) })} />
            ) : null}
            <ProgrammesCard inputs={inputs} edits={programmeEdits} currency={d.currency} failed={failed}
              onChange={(k, e) => setProgrammeEdits((all) => all.map((x, j) => (j === k ? e : x)))} />
            {result ? <ResultCard r={result} currency={d.currency} updating={run.isFetching || defaults.isFetching} /> : missing.length ? null : <PageSpin />}
          </Space>
        </Col>
      </Row>
    );
  }

  return (
    <>
      <PageHeader title={t("nav.complaintSensitivity")} extra={filters} />
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("complaintSensitivity.seed")} data-testid="sensitivity-seed" />
      {d ? (
        <Typography.Paragraph type="secondary" data-testid="sensitivity-period">
          {t("complaintSensitivity.periodText", { from: f.date(d.period.from), to: f.date(d.period.to), asOf: f.date(d.asOf), w: d.windowDays })}
        </Typography.Paragraph>
      ) : null}
      {content}
    </>
  );
}
