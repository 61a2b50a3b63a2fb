import { Empty, Table, Tag } from "antd";
import type { SortOrder } from "antd/es/table/interface";
import type { HTMLAttributes, Key } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useFormat } from "../../../../i18n/useFormat";
import { testId } from "../../../../lib/testId";
import type { CustomerSummary } from "../../api/types";
import { SORT_KEYS, type CustomerFilters, type SortKey } from "../../hooks/filters";
import { StateTag } from "../shared/StateTag";

interface Props {
  rows: CustomerSummary[];
  loading: boolean;
  filters: CustomerFilters;
  onSort: (sort: SortKey | undefined, order: "asc" | "desc" | undefined) => void;
  selectable: boolean;
  selected: number[];
  onSelect: (ids: number[]) => void;
  emptyText: string;
}

const ROW_ATTRS: HTMLAttributes<HTMLElement> = testId("customer-row");

/** The customer list; sorting is done by the server, so the table only reports the choice. */
export function CustomerTable({ rows, loading, filters, onSort, selectable, selected, onSelect, emptyText }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const sortOrder = (key: SortKey): SortOrder | null =>
    filters.sort === key ? (filters.order === "desc" ? "descend" : "ascend") : null;
  const sortable = (key: SortKey) => ({ sorter: true, sortOrder: sortOrder(key), sortDirections: ["ascend", "descend"] as SortOrder[] });

  const columns = [
    {
      key: "name",
      title: t("common.name"),
      fixed: "left" as const,
      ...sortable("name"),
      render: (_: unknown, c: CustomerSummary) => (
        <Link to={`/customers/${c.id}`} data-testid="customer-name">
          {c.name ?? t("common.unnamed")}
        </Link>
      ),
    },
    { key: "externalId", title: t("customers.externalId"), render: (_: unknown, c: CustomerSummary) => c.externalId },
    { key: "state", title: t("customers.state"), render: (_: unknown, c: CustomerSummary) => <StateTag state={c.state} /> },
    { key: "kind", title: t("customers.kind"), render: (_: unknown, c: CustomerSummary) => t(`kinds.${c.kind}`) },
    { key: "phone", title: t("common.phone"), render: (_: unknown, c: CustomerSummary) => c.phone ?? "—" },
    { key: "tags", title: t("customers.tags"), render: (_: unknown, c: CustomerSummary) => c.tags.map((tg) => <Tag key={tg}>{tg}</Tag>) },
    { key: "owner", title: t("customers.owner"), render: (_: unknown, c: CustomerSummary) => c.owner?.name ?? t("customers.unassigned") },
    { key: "orders", title: t("customers.orders"), align: "right" as const, ...sortable("orders"), render: (_: unknown, c: CustomerSummary) => f.number(c.orders) },
    { key: "sales", title: t("customers.netSales"), align: "right" as const, ...sortable("sales"), render: (_: unknown, c: CustomerSummary) => f.money(c.sales) },
    { key: "lastPurchase", title: t("customers.lastPurchase"), ...sortable("lastPurchase"), render: (_: unknown, c: CustomerSummary) => f.date(c.lastPurchase) },
    { key: "createdAt", title: t("common.createdAt"), ...sortable("createdAt"), render: (_: unknown, c: CustomerSummary) => f.date(c.createdAt) },
  ];

  return (
    <div data-testid="customer-list">
      <Table<CustomerSummary>
        rowKey="id"
        size="middle"
        dataSource={rows}
        columns={columns}
        loading={loading}
        pagination={false}
        scroll={{ x: "max-content" }}
        onRow={() => ROW_ATTRS}
        rowSelection={selectable ? { selectedRowKeys: selected, onChange: (keys: Key[]) => onSelect(keys.map(Number)), preserveSelectedRowKeys: false } : undefined}
        locale={{ emptyText: <Empty description={emptyText} /> }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = SORT_KEYS.find((k) => k === s?.columnKey);
          onSort(s?.order && key ? key : undefined, s?.order === "descend" ? "desc" : s?.order === "ascend" ? "asc" : undefined);
        }}
      />
    </div>
  );
}
