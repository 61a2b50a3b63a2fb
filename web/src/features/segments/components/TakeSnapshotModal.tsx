import { Alert, Col, Collapse, DatePicker, Form, InputNumber, Modal, Row, Segmented, Select, Space, Spin, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { isApiError } from "../../../api/errors";
import { formatNumber } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { testId } from "../../../lib/testId";
import type { SegmentMeasure, TakeSnapshotBody } from "../api/segments.api";
import { changedRules, DEFAULT_RULES, flatRules, type RuleFields } from "../rules";

const WINDOWS = ["3m", "6m", "12m", "24m"] as const;

/** The rule fields by segmentation; shares are typed as percentages. */
const GROUPS: Array<{ key: "profitGroups" | "loyalty" | "ladder" | "transaction"; fields: Array<{ name: keyof RuleFields; percent?: boolean; max: number }> }> = [
  { key: "profitGroups", fields: [{ name: "topShare", percent: true, max: 100 }, { name: "change", percent: true, max: 100 }] },
  {
    key: "loyalty",
    fields: [
      { name: "churnDays", max: 3650 },
      { name: "newDays", max: 3650 },
      { name: "loyalPurchaseDays", max: 3650 },
      { name: "loyalTopShare", percent: true, max: 100 },
      { name: "loyalMaxDiscount", percent: true, max: 100 },
    ],
  },
  { key: "ladder", fields: [{ name: "periodMonths", max: 120 }, { name: "loyalPeriods", max: 60 }, { name: "oldMonths", max: 120 }] },
  { key: "transaction", fields: [{ name: "transactionDiscount", percent: true, max: 100 }, { name: "transactionDays", max: 366 }] },
];
const PERCENT = new Set(GROUPS.flatMap((g) => g.fields.filter((x) => x.percent).map((x) => x.name)));

/** Shares as the form shows them (0.2 → 20), counts as they are. */
const toForm = (r: RuleFields) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, PERCENT.has(k as keyof RuleFields) ? Math.round(v * 10_000) / 100 : v])) as RuleFields;
const fromForm = (r: RuleFields) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, PERCENT.has(k as keyof RuleFields) ? v / 100 : v])) as RuleFields;
const DEFAULTS = toForm(flatRules(DEFAULT_RULES));

interface Values extends RuleFields {
  asOf: Dayjs | null;
  window: string;
  by: SegmentMeasure;
}

interface Props {
  open: boolean;
  running: boolean;
  error: unknown;
  onCancel: () => void;
  onTake: (body: TakeSnapshotBody, label: string) => void;
}

/**
 * The snapshot form: the as-of date, the window, the measure, and the rules of every
 * segmentation (collapsed, each at its default). While the server computes, a spinner and
 * the seconds elapsed say it is working.
 */
export function TakeSnapshotModal({ open, running, error, onCancel, onTake }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const [form] = Form.useForm<Values>();
  const [started, setStarted] = useState<number | null>(null);
  const [now, setNow] = useState(Date.now());
  const asOf = Form.useWatch("asOf", form);

  // Each time it opens, the form starts again from the defaults.
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  useEffect(() => {
    if (!running) {
      setStarted(null);
      return;
    }
    setStarted(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [running]);

  const submit = (v: Values) => {
    const rules = changedRules(fromForm(Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, v[k as keyof RuleFields]])) as RuleFields));
    const date = v.asOf ? v.asOf.format("YYYY-MM-DD") : undefined;
    onTake({ asOf: date, window: v.window, by: v.by, ...rules }, date ? f.date(date) : t("segments.asOfDefault"));
  };

  const field = ({ name, percent, max }: { name: keyof RuleFields; percent?: boolean; max: number }) => (
    <Col xs={24} sm={12} key={name}>
      <Form.Item
        name={name}
        label={t(`segments.rules.${name}`)}
        extra={t("segments.rules.default", { value: percent ? `${formatNumber(DEFAULTS[name], f.locale)}%` : formatNumber(DEFAULTS[name], f.locale) })}
        rules={[{ required: true }]}
      >
        <InputNumber min={percent ? 0 : 1} max={max} precision={percent ? undefined : 0} step={percent ? 5 : 1} suffix={percent ? "%" : undefined} style={{ width: "100%" }} data-testid={`snapshot-rule-${name}`} />
      </Form.Item>
    </Col>
  );

  const forbidden = isApiError(error) && error.status === 403;
  const failure = error ? errorText(t, error) : null;

  return (
    <Modal
      open={open}
      title={t("segments.takeTitle")}
      okText={t("segments.take")}
      onOk={() => form.submit()}
      onCancel={onCancel}
      confirmLoading={running}
      okButtonProps={testId("snapshot-submit")}
      width={720}
      forceRender
    >
      {/* Above the form: the rules can be long, and the progress must stay in sight. */}
      {running ? (
        <Alert
          style={{ marginBottom: 16 }}
          type="info"
          showIcon
          icon={<Spin size="small" />}
          title={t("segments.taking", { date: asOf ? f.date(asOf.format("YYYY-MM-DD")) : t("segments.asOfDefault") })}
          description={started ? t("segments.takingElapsed", { seconds: formatNumber(Math.max(0, Math.floor((now - started) / 1000)), f.locale) }) : null}
          data-testid="snapshot-progress"
        />
      ) : null}
      {failure && !running ? (
        <Alert style={{ marginBottom: 16 }} type="error" showIcon title={forbidden ? t("segments.cannotTake") : failure.title} description={forbidden ? undefined : failure.detail} data-testid="form-error" />
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={{ asOf: null, window: "12m", by: "sales", ...DEFAULTS }} onFinish={submit} disabled={running} data-testid="snapshot-form">
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="asOf" label={t("segments.asOf")}>
              <DatePicker allowClear placeholder={t("segments.asOfDefault")} style={{ width: "100%" }} data-testid="snapshot-as-of" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="window" label={t("segments.window")}>
              <Select options={WINDOWS.map((w) => ({ value: w, label: t(`value.windows.${w}`) }))} data-testid="snapshot-window" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="by" label={t("segments.measure")}>
              <Segmented<SegmentMeasure> options={[{ value: "sales", label: t("value.bySales") }, { value: "margin", label: t("value.byMargin") }]} data-testid="snapshot-by" />
            </Form.Item>
          </Col>
        </Row>
        <Collapse
          size="small"
          items={[{
            key: "rules",
            label: <span data-testid="snapshot-rules-toggle">{t("segments.rulesTitle")}</span>,
            forceRender: true,
            children: (
              <>
                <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 8 }} wrap>
                  <Typography.Text type="secondary">{t("segments.rulesHelp")}</Typography.Text>
                  <Typography.Link onClick={() => form.setFieldsValue(DEFAULTS)} disabled={running} data-testid="snapshot-rules-reset">{t("segments.resetRules")}</Typography.Link>
                </Space>
                {GROUPS.map((g) => (
                  <div key={g.key}>
                    <Typography.Title level={5} style={{ marginTop: 8 }}>{t(`segments.rules.${g.key}`)}</Typography.Title>
                    <Row gutter={16}>{g.fields.map(field)}</Row>
                  </div>
                ))}
              </>
            ),
          }]}
        />
      </Form>
    </Modal>
  );
}
