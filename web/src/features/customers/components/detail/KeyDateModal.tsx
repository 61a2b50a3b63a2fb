import { Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from "antd";
import { useTranslation } from "react-i18next";
import { addKeyDate } from "../../api/customers.api";
import { KEY_DATE_KINDS, type KeyDate } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";

type Values = Omit<KeyDate, "id" | "label" | "year"> & { label?: string; year?: number | null };

/** Adds a key date, Gregorian or lunar (with the leap-month mark a lunar date may need). */
export function KeyDateModal({ customerId, open, onClose }: { customerId: number; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const calendar = Form.useWatch("calendar", form);
  const add = useCustomerMutation(customerId, (v: Values) =>
    addKeyDate(customerId, {
      kind: v.kind,
      label: v.label?.trim() || undefined,
      calendar: v.calendar,
      month: v.month,
      day: v.day,
      year: v.year ?? undefined,
      leapMonth: v.calendar === "lunar" ? Boolean(v.leapMonth) : undefined,
    }),
  );
  const maxDay = calendar === "lunar" ? 30 : 31;

  return (
    <Modal
      open={open}
      title={t("customer.keyDates.add")}
      okText={t("common.add")}
      cancelText={t("common.cancel")}
      confirmLoading={add.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ kind: "birthday", calendar: "gregorian", leapMonth: false }} onFinish={(v) => add.mutate(v, { onSuccess: onClose })}>
        <Form.Item name="kind" label={t("customer.keyDates.kind")}>
          <Select options={KEY_DATE_KINDS.map((k) => ({ value: k, label: t(`keyDateKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="label" label={t("customer.keyDates.label")} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="calendar" label={t("customer.keyDates.calendar")}>
          <Radio.Group options={(["gregorian", "lunar"] as const).map((c) => ({ value: c, label: t(`calendars.${c}`) }))} optionType="button" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={8}>
            <Form.Item name="month" label={t("customer.keyDates.month")} rules={[{ required: true, message: t("validation.required") }]}>
              <InputNumber min={1} max={12} precision={0} style={{ width: "100%" }} data-testid="key-date-month" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="day" label={t("customer.keyDates.day")} rules={[{ required: true, message: t("validation.required") }, { type: "number", max: maxDay, message: t("validation.dayMax", { max: maxDay }) }]}>
              <InputNumber min={1} max={maxDay} precision={0} style={{ width: "100%" }} data-testid="key-date-day" />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="year" label={t("customer.keyDates.year")} tooltip={t("customer.keyDates.yearHelp")}>
              <InputNumber min={1900} max={2100} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        {calendar === "lunar" ? (
          <Form.Item name="leapMonth" valuePropName="checked">
            <Checkbox>{t("customer.keyDates.leapMonth")}</Checkbox>
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
