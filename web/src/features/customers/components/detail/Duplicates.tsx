import { App, Button, Card, Empty, List, Tag, Typography } from "antd";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../../components/ErrorResult";
import { LoadingBlock } from "../../../../components/Loading";
import { fetchDuplicates, mergeInto } from "../../api/customers.api";
import type { CustomerDetail, DuplicateCandidate } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";

/** Customers that look like this one (same e-mail, phone, external id), and merging them in. */
export function Duplicates({ customer: c, canMerge }: { customer: CustomerDetail; canMerge: boolean }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const duplicates = useQuery({ queryKey: ["customer", c.id, "duplicates"], queryFn: () => fetchDuplicates(c.id) });
  const merge = useCustomerMutation(c.id, (mergedId: number) => mergeInto(c.id, mergedId));

  const confirm = (d: DuplicateCandidate) =>
    modal.confirm({
      title: t("customer.duplicates.confirmTitle"),
      content: t("customer.duplicates.confirmBody", { merged: d.name ?? `#${d.customerId}`, survivor: c.name ?? `#${c.id}` }),
      okText: t("customer.duplicates.merge"),
      cancelText: t("common.cancel"),
      okButtonProps: { danger: true },
      onOk: () => merge.mutateAsync(d.customerId).then(() => duplicates.refetch(), () => undefined),
    });

  return (
    <Card title={t("customer.tabs.duplicates")}>
      {duplicates.isPending ? (
        <LoadingBlock />
      ) : duplicates.isError ? (
        <ErrorResult error={duplicates.error} onRetry={() => void duplicates.refetch()} inline />
      ) : duplicates.data.length === 0 ? (
        <Empty description={t("customer.duplicates.none")} />
      ) : (
        <div data-testid="duplicates">
        <List
          dataSource={duplicates.data}
          renderItem={(d) => (
            <List.Item
              actions={
                canMerge
                  ? [
                      <Button key="merge" danger size="small" onClick={() => confirm(d)} data-testid="duplicate-merge">
                        {t("customer.duplicates.merge")}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={<Link to={`/customers/${d.customerId}`}>{d.name ?? t("common.unnamed")}</Link>}
                description={
                  <>
                    <Typography.Text type="secondary">{d.externalId ?? `#${d.customerId}`}</Typography.Text>
                    <div>
                      {d.reasons.map((r) => (
                        <Tag key={r} color="orange">
                          {r}
                        </Tag>
                      ))}
                    </div>
                  </>
                }
              />
            </List.Item>
          )}
        />
        </div>
      )}
    </Card>
  );
}
