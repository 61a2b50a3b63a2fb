import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Collapse } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { ErrorResult } from "../../../../components/ErrorResult";
import { PageHeader } from "../../../../components/PageHeader";
import { useRole } from "../../../auth/hooks/useSession";
import { can } from "../../../auth/roles";
import { filtersToParams, isFiltered, parseFilters, type CustomerFilters } from "../../hooks/filters";
import { useCustomerList } from "../../hooks/useCustomerList";
import { BulkActions } from "./BulkActions";
import { CustomerFiltersForm } from "./CustomerFiltersForm";
import { CustomerTable } from "./CustomerTable";
import { ExportMenu } from "./ExportMenu";
import { NewCustomerModal } from "./NewCustomerModal";
import { Pager } from "./Pager";
import { SavedViews } from "./SavedViews";

/** The customer list: filters in the URL, saved views, export, bulk actions, cursor pages. */
export default function CustomersPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseFilters(searchParams);
  const params = filtersToParams(filters);
  const list = useCustomerList(params);
  const canChange = can.changeCustomers(useRole());
  const [selected, setSelected] = useState<number[]>([]);
  const [creating, setCreating] = useState(false);

  const setFilters = (f: CustomerFilters) => {
    setSelected([]);
    setSearchParams(filtersToParams(f));
  };
  const data = list.query.data;
  const filtered = isFiltered(filters);

  return (
    <>
      <PageHeader
        title={t("nav.customers")}
        extra={
          <>
            <SavedViews current={params} onApply={(q) => setSearchParams(filtersToParams(parseFilters(new URLSearchParams(q))))} />
            <ExportMenu params={params} />
            {canChange ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="customer-new">
                {t("customers.create.title")}
              </Button>
            ) : null}
          </>
        }
      />
      <Collapse
        style={{ marginBottom: 12 }}
        defaultActiveKey={filtered ? ["filters"] : []}
        items={[
          {
            key: "filters",
            label: filtered ? t("customers.filters.titleActive") : t("customers.filters.title"),
            // Remounted when the URL changes (a saved view, back/forward) so the form shows it.
            children: <CustomerFiltersForm key={JSON.stringify(params)} value={filters} onChange={setFilters} />,
          },
        ]}
      />
      {canChange && selected.length > 0 ? <BulkActions ids={selected} onDone={() => setSelected([])} /> : null}
      <Card styles={{ body: { padding: 0 } }}>
        {list.query.isError && !data ? (
          <ErrorResult error={list.query.error} onRetry={() => void list.query.refetch()} />
        ) : (
          <CustomerTable
            rows={data?.items ?? []}
            loading={list.query.isFetching}
            filters={filters}
            onSort={(sort, order) => setFilters({ ...filters, sort, order })}
            selectable={canChange}
            selected={selected}
            onSelect={setSelected}
            emptyText={filtered ? t("customers.emptyFiltered") : t("customers.empty")}
          />
        )}
      </Card>
      {list.query.isError && data ? <ErrorResult error={list.query.error} onRetry={() => void list.query.refetch()} inline /> : null}
      <Pager
        page={list.page}
        total={data?.total}
        totalExact={data?.totalExact}
        hasPrev={list.hasPrev}
        hasNext={list.hasNext}
        onPrev={() => {
          setSelected([]);
          list.prev();
        }}
        onNext={() => {
          setSelected([]);
          list.next();
        }}
      />
      <NewCustomerModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
