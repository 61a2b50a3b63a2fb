import { Space, Table, Tag } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import type { PlanLine, PlanView } from "../api/plans.api";
import { Help } from "./Help";
import { pct } from "./plan-format";
import { tierName } from "./tier-name";

/**
 * Per tier: customers, their sales and share of sales, the budget, its share and what it
 * comes to per customer, and the intensity (budget share ÷ sales share) — whether the money
 * follows the value (docs/contact-plans.md). The server computes every figure.
 */
export function SpendTable({ view }: { view: Pick<PlanView, "lines" | "totals"> }) {
  const { t } = useTranslation();
  const f = useFormat();
  const cell = (key: string, what: string, text: string) => <span data-testid={`plan-line-${key}-${what}`}>{text}</span>;
  const h = (what: "customers" | "sales" | "salesShare" | "budget" | "budgetShare" | "perCustomer" | "intensity" | "contacts") => <Help title={t(`plans.col.${what}`)} help={t(`plans.help.${what}`)} testId={`plan-help-${what}`} />;
  return (
    <Table<PlanLine>
      rowKey="key"
      dataSource={view.lines}
      pagination={false}
      size="small"
      scroll={{ x: true }}
      data-testid="plan-lines"
      columns={[
        { title: t("plans.col.tier"), dataIndex: "key", render: (_, l) => <span data-testid={`plan-line-${l.key}`}>{tierName(t, l)}</span> },
        { title: h("customers"), dataIndex: "customers", align: "right", render: (_, l) => cell(l.key, "customers", f.number(l.customers)) },
        { title: h("sales"), dataIndex: "sales", align: "right", render: (_, l) => cell(l.key, "sales", f.money(l.sales)) },
        { title: h("salesShare"), dataIndex: "salesShare", align: "right", render: (_, l) => cell(l.key, "salesShare", pct(l.salesShare)) },
        { title: h("budget"), dataIndex: "budget", align: "right", render: (_, l) => cell(l.key, "budget", f.money(l.budget)) },
        { title: h("budgetShare"), dataIndex: "budgetShare", align: "right", render: (_, l) => cell(l.key, "budgetShare", pct(l.budgetShare)) },
        { title: h("perCustomer"), dataIndex: "budgetPerCustomer", align: "right", render: (_, l) => cell(l.key, "perCustomer", l.budgetPerCustomer === null ? "—" : f.money(l.budgetPerCustomer)) },
        {
          title: h("intensity"), dataIndex: "intensity", align: "right",
          render: (_, l) => cell(l.key, "intensity", l.intensity === null ? "—" : l.intensity.toFixed(2)),
        },
        { title: h("contacts"), dataIndex: "contactsPerQuarter", align: "right", render: (_, l) => cell(l.key, "contacts", f.number(l.contactsPerQuarter)) },
        {
          title: t("plans.col.types"), dataIndex: "contactTypes",
          render: (_, l) => <Space size={[0, 4]} wrap style={{ maxWidth: 360 }}>{l.contactTypes.map((c) => <Tag key={c}>{t(`plans.contactType.${c}`)}</Tag>)}</Space>,
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t("plans.total")}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right"><span data-testid="plan-total-customers">{f.number(view.totals.customers)}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right"><span data-testid="plan-total-sales">{f.money(view.totals.sales)}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={3} />
          <Table.Summary.Cell index={4} align="right"><span data-testid="plan-total-budget">{f.money(view.totals.budget)}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={5} />
          <Table.Summary.Cell index={6} align="right">{view.totals.budgetPerCustomer === null ? "—" : f.money(view.totals.budgetPerCustomer)}</Table.Summary.Cell>
          <Table.Summary.Cell index={7} />
          <Table.Summary.Cell index={8} align="right"><span data-testid="plan-total-contacts">{t("plans.contactsTotal", { n: f.number(view.totals.contacts) })}</span></Table.Summary.Cell>
          <Table.Summary.Cell index={9} />
        </Table.Summary.Row>
      )}
    />
  );
}
