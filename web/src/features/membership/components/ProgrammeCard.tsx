import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import type { Programme } from "../api/membership.api";
import { useProgramme, useSaveProgramme } from "../hooks/useMembership";

type FormValues = Omit<Programme, "startsOn" | "expiryYears"> & { startsOn: Dayjs | null; expiryYears: number | null };

const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;
const FACTOR = /^\d{1,6}(\.\d{1,4})?$/;

/** The programme's settings, for admins: levels with thresholds and multipliers, earning, window, review, expiry. */
export function ProgrammeCard() {
  const { t } = useTranslation();
  const q = useProgramme(true);
  const save = useSaveProgramme();
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const p = q.data?.programme;

  useEffect(() => {
    if (p) form.setFieldsValue({ ...p, startsOn: p.startsOn ? dayjs(p.startsOn) : null });
  }, [p, form]);

  const submit = async () => {
    const v = await form.validateFields();
    await save.mutateAsync({ ...v, startsOn: v.startsOn ? v.startsOn.format("YYYY-MM-DD") : null, expiryYears: v.expiryYears ?? null });
    message.success(t("membership.programme.saved"));
  };

  let body;
  if (q.isPending) body = <LoadingBlock rows={6} />;
  else if (q.isError) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else {
    body = (
      <Form form={form} layout="vertical" data-testid="membership-programme-form">
        <FormError error={save.error} />
        {q.data!.isDefault ? <Typography.Paragraph type="secondary" data-testid="membership-programme-default">{t("membership.programme.isDefault")}</Typography.Paragraph> : null}
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="basis" label={t("membership.programme.basis")}>
              <Select options={[{ value: "spend", label: t("membership.programme.basisSpend") }, { value: "points", label: t("membership.programme.basisPoints") }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="windowMonths" label={t("membership.programme.windowMonths")} rules={[{ required: true, type: "integer", min: 1, max: 60, message: t("membership.programme.windowMonthsHelp") }]}>
              <InputNumber min={1} max={60} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="review" label={t("membership.programme.review")}>
              <Select options={[{ value: "monthly", label: t("membership.programme.reviewMonthly") }, { value: "anniversary", label: t("membership.programme.reviewAnniversary") }]} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="pointsPerUnit" label={t("membership.programme.pointsPerUnit")} rules={[{ required: true, pattern: FACTOR, message: t("membership.programme.factorHelp") }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="expiryYears" label={t("membership.programme.expiryYears")} extra={t("membership.programme.expiryHelp")}>
              <InputNumber min={0} max={10} precision={0} style={{ width: "100%" }} placeholder={t("membership.programme.never")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="startsOn" label={t("membership.programme.startsOn")}>
              <DatePicker allowClear style={{ width: "100%" }} placeholder={t("membership.programme.allOrders")} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Title level={5}>{t("membership.programme.levels")}</Typography.Title>
        <Form.List name="levels">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <Space key={field.key} align="start" wrap data-testid="membership-programme-level">
                  <Form.Item name={[field.name, "key"]} rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,40}$/, message: t("membership.programme.keyHelp") }]}>
                    <Input placeholder={t("membership.programme.key")} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "name"]} rules={[{ required: true, whitespace: true, max: 60, message: t("membership.programme.nameHelp") }]}>
                    <Input placeholder={t("membership.programme.name")} style={{ width: 140 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "threshold"]} rules={[{ required: true, pattern: DECIMAL, message: t("membership.programme.thresholdHelp") }]}>
                    <Input addonBefore={t("membership.programme.threshold")} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, "multiplier"]} rules={[{ required: true, pattern: FACTOR, message: t("membership.programme.factorHelp") }]}>
                    <Input addonBefore="×" style={{ width: 110 }} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(i)} aria-label={t("membership.programme.removeLevel")} />
                </Space>
              ))}
              <div>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 12} onClick={() => add({ key: "", name: "", threshold: "", multiplier: "1" })}>
                  {t("membership.programme.addLevel")}
                </Button>
              </div>
            </>
          )}
        </Form.List>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t("membership.programme.applyHint")}</Typography.Paragraph>
      </Form>
    );
  }
  return (
    <Card
      title={t("membership.programme.title")}
      data-testid="membership-programme"
      extra={q.data ? <Button type="primary" loading={save.isPending} onClick={() => void submit().catch(() => undefined)} data-testid="membership-programme-save">{t("common.save")}</Button> : null}
    >
      {body}
    </Card>
  );
}
