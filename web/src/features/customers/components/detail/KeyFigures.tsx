import { Card, Col, Empty, Row, Statistic } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../../i18n/useFormat";
import { decSub } from "../../../../lib/decimal";
import type { CustomerDetail } from "../../api/types";

/** Sales − returns; unreadable figures show as they came rather than breaking the page. */
function netSales(sales: string, returns: string): string {
  try {
    return decSub(sales, returns);
  } catch {
    return sales;
  }
}

/** What the customer has bought: orders, net sales (sales − returns), returns, discount, dates. */
export function KeyFigures({ customer }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const a = customer.aggregates;
  if (!a) {
    return (
      <Card title={t("customer.figures.title")} style={{ height: "100%" }}>
        <Empty description={t("customer.figures.none")} />
      </Card>
    );
  }
  const figures = [
    { key: "orders", title: t("customers.orders"), value: f.number(a.orders) },
    { key: "netSales", title: t("customers.netSales"), value: f.money(netSales(a.sales, a.returns)) },
    { key: "returns", title: t("customer.figures.returns"), value: f.money(a.returns) },
    { key: "discount", title: t("customer.figures.discount"), value: f.money(a.discount) },
    { key: "first", title: t("customer.figures.firstPurchase"), value: f.date(a.firstPurchase) },
    { key: "last", title: t("customers.lastPurchase"), value: f.date(a.lastPurchase) },
  ];
  return (
    <Card title={t("customer.figures.title")} style={{ height: "100%" }} data-testid="key-figures">
      <Row gutter={[16, 16]}>
        {figures.map((x) => (
          <Col key={x.key} xs={12} sm={8}>
            <Statistic title={x.title} value={x.value} formatter={() => <span data-testid={`figure-${x.key}`}>{x.value}</span>} styles={{ content: { fontSize: 20 } }} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}
