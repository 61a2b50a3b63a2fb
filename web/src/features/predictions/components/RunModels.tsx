import { ExperimentOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, Modal, Progress, Row, Segmented, Steps, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../components/errorText";
import { useFormat } from "../../../i18n/useFormat";
import { testId } from "../../../lib/testId";
import { MODEL_STEPS, type RunOptions, type TimeUnit } from "../api/predictions.api";
import type { useModelRun } from "../hooks/usePredictions";

type ModelRun = ReturnType<typeof useModelRun>;

interface Values {
  asOf: Dayjs | null;
  horizonDays: number | null;
  unit: TimeUnit;
}

const DEFAULTS: Values = { asOf: null, horizonDays: 90, unit: "week" };

/** "Run the models": the button (`testId`); it opens the run form. */
export function RunButton({ model, onOpen, id }: { model: ModelRun; onOpen: () => void; id: string }) {
  const { t } = useTranslation();
  return (
    <Button type="primary" icon={<ExperimentOutlined />} onClick={onOpen} loading={model.running} data-testid={id}>
      {model.running ? t("prediction.running") : t("prediction.run")}
    </Button>
  );
}

/**
 * The run's options, each optional: the as-of date (default: the latest order date), the
 * horizon of the churn window and the expected purchases, and the BTYD models' time unit.
 */
export function RunForm({ open, model, onClose }: { open: boolean; model: ModelRun; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const body: RunOptions = { unit: v.unit, ...(v.asOf ? { asOf: v.asOf.format("YYYY-MM-DD") } : {}), ...(v.horizonDays ? { horizonDays: v.horizonDays } : {}) };
    model.start.mutate(body, { onSuccess: onClose });
  };
  const failure = model.start.error ? errorText(t, model.start.error) : null;
  return (
    <Modal
      open={open}
      title={t("prediction.runTitle")}
      okText={t("prediction.run")}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={model.start.isPending}
      okButtonProps={testId("run-submit")}
      afterOpenChange={(visible) => visible && form.resetFields()}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t("prediction.runHelp")}</Typography.Paragraph>
      {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} data-testid="form-error" /> : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} initialValues={DEFAULTS} onFinish={submit} data-testid="run-form">
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item name="asOf" label={t("prediction.asOf")} tooltip={t("prediction.asOfHelp")}>
              <DatePicker allowClear placeholder={t("prediction.asOfDefault")} style={{ width: "100%" }} data-testid="run-as-of" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="horizonDays" label={t("prediction.horizon")} tooltip={t("prediction.horizonHelp")}>
              <InputNumber min={7} max={730} precision={0} suffix={t("prediction.daysUnit")} style={{ width: "100%" }} data-testid="run-horizon" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="unit" label={t("prediction.unit")} tooltip={t("prediction.unitHelp")}>
              <Segmented<TimeUnit> options={[{ value: "week", label: t("prediction.units.week") }, { value: "day", label: t("prediction.units.day") }]} data-testid="run-unit" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

/** A run in progress, step by step (polled every second); then its outcome until dismissed. */
export function RunProgress({ model }: { model: ModelRun }) {
  const { t } = useTranslation();
  const f = useFormat();
  const j = model.job.data;
  if (model.job.isError) {
    const e = errorText(t, model.job.error);
    return <Alert type="error" showIcon closable onClose={model.clear} title={e.title} description={e.detail} style={{ marginBottom: 16 }} data-testid="models-failed" />;
  }
  if (!j) return null;
  if (j.status === "failed") {
    return (
      <Alert
        type="error"
        showIcon
        closable
        onClose={model.clear}
        title={t("prediction.runFailed")}
        description={j.error?.message}
        style={{ marginBottom: 16 }}
        data-testid="models-failed"
      />
    );
  }
  if (j.status === "done") {
    return <Alert type="success" showIcon closable onClose={model.clear} title={t("prediction.runDone", { runId: j.runId ?? "" })} style={{ marginBottom: 16 }} data-testid="models-done" />;
  }
  const current = Math.max(0, MODEL_STEPS.indexOf(j.progress.step));
  const percent = j.progress.total > 0 ? Math.min(100, Math.round((j.progress.done / j.progress.total) * 100)) : 0;
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="models-progress" data-step={j.progress.step}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {model.joined ? t("prediction.joined", { time: f.dateTime(j.startedAt) }) : t("prediction.runningSince", { time: f.dateTime(j.startedAt) })}
      </Typography.Paragraph>
      <Steps
        size="small"
        current={current}
        items={MODEL_STEPS.map((s) => ({ title: t(`prediction.steps.${s}`) }))}
        style={{ marginBottom: 8 }}
      />
      <Progress percent={percent} status="active" />
      <Typography.Text type="secondary" data-testid="models-progress-step">{t("prediction.stepText", { n: current + 1, total: MODEL_STEPS.length, step: t(`prediction.steps.${j.progress.step}`) })}</Typography.Text>
    </Card>
  );
}
