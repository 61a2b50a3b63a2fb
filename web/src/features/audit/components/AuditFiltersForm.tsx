import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { label } from "../../../i18n/label";
import { useUserOptions } from "../../customers/hooks/useLookups";
import type { AuditFilters } from "../api/audit.api";

interface Values {
  userId?: number;
  entityType?: string;
  action?: string;
  customerId?: number | null;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const ENTITY_TYPES = ["customer", "interaction", "import", "user", "api_token", "saved_view", "webhook", "settings", "audit_log"];

/** Who, what, which customer and when; the range's last day counts in full. */
export function AuditFiltersForm({ onChange }: { onChange: (f: AuditFilters) => void }) {
  const { t } = useTranslation();
  const users = useUserOptions();
  const apply = (v: Values) =>
    onChange({
      userId: v.userId,
      entityType: v.entityType?.trim() || undefined,
      action: v.action?.trim() || undefined,
      customerId: v.customerId ?? undefined,
      from: v.range?.[0]?.startOf("day").toISOString(),
      to: v.range?.[1]?.add(1, "day").startOf("day").toISOString(),
    });

  return (
    <Form<Values> layout="vertical" onFinish={apply} data-testid="audit-filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="userId" label={t("audit.user")}>
            <Select allowClear showSearch={{ optionFilterProp: "label" }} loading={users.isPending} options={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))} placeholder={t("common.all")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="entityType" label={t("audit.entityType")}>
            <Select allowClear options={ENTITY_TYPES.map((e) => ({ value: e, label: label(t, "audit.entityTypes", e) }))} placeholder={t("common.all")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="action" label={t("audit.action")} tooltip={t("audit.actionHelp")}>
            <Input allowClear placeholder={t("audit.actionPlaceholder")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="customerId" label={t("audit.customerId")}>
            <InputNumber min={1} precision={0} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="range" label={t("audit.when")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end">
        <Button htmlType="reset" onClick={() => onChange({})}>
          {t("common.reset")}
        </Button>
        <Button type="primary" htmlType="submit" data-testid="audit-apply">
          {t("common.search")}
        </Button>
      </Flex>
    </Form>
  );
}
