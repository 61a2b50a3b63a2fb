import { Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { testId } from "../../../lib/testId";
import type { BasketRule } from "../api/patterns.api";
import { itemSet, usePatternFormat, WithHelp } from "./bits";

const ruleKey = (r: BasketRule) => `${r.antecedent.map((i) => i.key).join("+")}>${r.consequent.map((i) => i.key).join("+")}`;

/**
 * The association rules, "if bought X → also buys Y", with every measure of docs/baskets.md
 * and its definition in the column's tooltip. The server's order (lift) until a column is
 * sorted. Rows: `basket-rule`; cells: `rule-<antecedent/consequent/count/support/…>`.
 */
export function BasketRulesTable({ rules }: { rules: BasketRule[] }) {
  const { t } = useTranslation();
  const p = usePatternFormat();
  const num = (key: keyof BasketRule, show: (r: BasketRule) => string) => ({
    key,
    title: <WithHelp title={t(`baskets.measures.${key as "support"}`)} help={t(`baskets.measureHelp.${key as "support"}`)} testId={`rule-help-${key}`} />,
    align: "right" as const,
    sorter: (a: BasketRule, b: BasketRule) => ((a[key] as number | null) ?? Infinity) - ((b[key] as number | null) ?? Infinity),
    sortDirections: ["descend" as const, "ascend" as const],
    render: (_: unknown, r: BasketRule) => <span data-testid={`rule-${key}`}>{show(r)}</span>,
  });
  const columns: ColumnsType<BasketRule> = [
    {
      key: "antecedent",
      title: t("baskets.ifBought"),
      render: (_: unknown, r: BasketRule) => <Typography.Text data-testid="rule-antecedent">{itemSet(r.antecedent)}</Typography.Text>,
    },
    {
      key: "consequent",
      title: t("baskets.alsoBuys"),
      render: (_: unknown, r: BasketRule) => <Typography.Text strong data-testid="rule-consequent">→ {itemSet(r.consequent)}</Typography.Text>,
    },
    num("count", (r) => p.number(r.count)),
    num("support", (r) => p.pct(r.support)),
    num("confidence", (r) => p.pct(r.confidence)),
    num("lift", (r) => p.ratio(r.lift)),
    num("leverage", (r) => p.ratio(r.leverage, 4)),
    num("conviction", (r) => (r.conviction === null ? "∞" : p.ratio(r.conviction))),
  ];
  return (
    <Table<BasketRule>
      rowKey={ruleKey}
      size="small"
      columns={columns}
      dataSource={rules}
      showSorterTooltip={false}
      pagination={rules.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: true } : false}
      scroll={{ x: "max-content" }}
      onRow={() => testId("basket-rule")}
      data-testid="baskets-rules"
    />
  );
}
