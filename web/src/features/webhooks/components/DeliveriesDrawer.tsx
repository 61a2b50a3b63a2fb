import { Button, Drawer, Empty, Grid, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { label } from "../../../i18n/label";
import { useFormat } from "../../../i18n/useFormat";
import type { Delivery, Webhook } from "../api/webhooks.api";
import { useDeliveries } from "../hooks/useWebhooks";

const COLOR: Record<Delivery["status"], string> = { pending: "blue", delivered: "green", failed: "red" };

/** A hook's recent deliveries: status, attempts, the last answer or error. */
export function DeliveriesDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const phone = Grid.useBreakpoint().md === false;
  const deliveries = useDeliveries(webhook?.id ?? null);

  const columns = [
    { key: "createdAt", title: t("common.createdAt"), render: (_: unknown, d: Delivery) => f.dateTime(d.createdAt) },
    { key: "event", title: t("webhooks.event"), render: (_: unknown, d: Delivery) => <Tag>{d.event}</Tag> },
    { key: "status", title: t("common.status"), render: (_: unknown, d: Delivery) => <Tag color={COLOR[d.status]}>{label(t, "webhooks.statuses", d.status)}</Tag> },
    { key: "attempts", title: t("webhooks.attempts"), align: "right" as const, render: (_: unknown, d: Delivery) => f.number(d.attempts) },
    { key: "lastStatus", title: t("webhooks.lastStatus"), render: (_: unknown, d: Delivery) => d.lastStatus ?? "—" },
    { key: "lastError", title: t("webhooks.lastError"), render: (_: unknown, d: Delivery) => (d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : "—") },
    { key: "deliveredAt", title: t("webhooks.deliveredAt"), render: (_: unknown, d: Delivery) => f.dateTime(d.deliveredAt) },
  ];

  return (
    <Drawer
      open={webhook !== null}
      onClose={onClose}
      size={phone ? "100%" : 900}
      title={webhook ? t("webhooks.deliveriesOf", { url: webhook.url }) : null}
      extra={<Button onClick={() => void deliveries.refetch()} loading={deliveries.isFetching}>{t("common.refresh")}</Button>}
    >
      {deliveries.isError ? (
        <ErrorResult error={deliveries.error} onRetry={() => void deliveries.refetch()} inline />
      ) : (
        <div data-testid="webhook-delivery-list">
          <Table<Delivery>
            rowKey="id"
            size="small"
            loading={deliveries.isPending}
            dataSource={deliveries.data}
            columns={columns}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("webhooks.noDeliveries")} /> }}
          />
        </div>
      )}
    </Drawer>
  );
}
