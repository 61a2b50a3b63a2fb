import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { CUSTOMER_KINDS, CUSTOMER_STATES } from "../../api/types";
import type { CustomerFilters } from "../../hooks/filters";
import { OwnerSelect } from "../shared/OwnerSelect";
import { TagSelect } from "../shared/TagSelect";

interface Values {
  q?: string;
  state?: CustomerFilters["state"];
  kind?: CustomerFilters["kind"];
  tag?: string[];
  ownerId?: string;
  lastPurchase?: [Dayjs | null, Dayjs | null] | null;
  minSales?: string;
  maxSales?: string;
  /** Percentages, as typed (the URL holds shares). */
  minChurn?: number | null;
  maxAlive?: number | null;
}

const DECIMAL = /^\d+(\.\d+)?$/;
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : undefined);
/** A percentage typed as 50 is the share "0.5" in the URL, without the float noise of the division. */
const toShare = (p: number | null | undefined) => (p === null || p === undefined ? undefined : String(Number((p / 100).toPrecision(12))));
const toPercent = (s: string | undefined) => (s === undefined ? null : Number((Number(s) * 100).toPrecision(12)));

/** The list's filters; they apply on "search" and land in the URL. */
export function CustomerFiltersForm({ value, onChange }: { value: CustomerFilters; onChange: (f: CustomerFilters) => void }) {
  const { t } = useTranslation();
  const initial: Values = {
    ...value,
    lastPurchase: value.lastPurchaseFrom || value.lastPurchaseTo
      ? [value.lastPurchaseFrom ? dayjs(value.lastPurchaseFrom) : null, value.lastPurchaseTo ? dayjs(value.lastPurchaseTo) : null]
      : null,
    minChurn: toPercent(value.minChurn),
    maxAlive: toPercent(value.maxAlive),
  };
  const apply = (v: Values) =>
    onChange({
      sort: value.sort,
      order: value.order,
      q: v.q?.trim() || undefined,
      state: v.state ?? [],
      kind: v.kind,
      tag: v.tag ?? [],
      ownerId: v.ownerId,
      lastPurchaseFrom: day(v.lastPurchase?.[0]),
      lastPurchaseTo: day(v.lastPurchase?.[1]),
      minSales: v.minSales?.trim() || undefined,
      maxSales: v.maxSales?.trim() || undefined,
      minChurn: toShare(v.minChurn),
      maxAlive: toShare(v.maxAlive),
    });
  const money = { pattern: DECIMAL, message: t("validation.amount") };

  return (
    <Form layout="vertical" initialValues={initial} onFinish={apply} data-testid="customer-filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="q" label={t("customers.filters.q")}>
            <Input allowClear placeholder={t("customers.filters.qPlaceholder")} data-testid="customer-filter-q" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="state" label={t("customers.state")}>
            <Select mode="multiple" allowClear options={CUSTOMER_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))} placeholder={t("common.all")} data-testid="customer-filter-state" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="kind" label={t("customers.kind")}>
            <Select allowClear options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} placeholder={t("common.all")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="tag" label={t("customers.tags")}>
            <TagSelect placeholder={t("common.all")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="ownerId" label={t("customers.owner")}>
            <OwnerSelect withUnassigned placeholder={t("common.all")} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="lastPurchase" label={t("customers.lastPurchase")}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="minSales" label={t("customers.filters.minSales")} rules={[money]}>
            <Input inputMode="decimal" allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="maxSales" label={t("customers.filters.maxSales")} rules={[money]}>
            <Input inputMode="decimal" allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="minChurn" label={t("customers.filters.minChurn")} tooltip={t("customers.filters.predictionHelp")}>
            <InputNumber<number> min={0} max={100} step={10} suffix="%" style={{ width: "100%" }} data-testid="customer-filter-min-churn" />
          </Form.Item>
        </Col>
        <Col xs={12} lg={4}>
          <Form.Item name="maxAlive" label={t("customers.filters.maxAlive")} tooltip={t("customers.filters.predictionHelp")}>
            <InputNumber<number> min={0} max={100} step={10} suffix="%" style={{ width: "100%" }} data-testid="customer-filter-max-alive" />
          </Form.Item>
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end" wrap>
        <Button onClick={() => onChange({ state: [], tag: [], sort: value.sort, order: value.order })} data-testid="customer-filter-reset">
          {t("common.reset")}
        </Button>
        <Button type="primary" htmlType="submit" data-testid="customer-filter-apply">
          {t("common.search")}
        </Button>
      </Flex>
    </Form>
  );
}
