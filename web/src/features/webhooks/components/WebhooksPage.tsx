import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Flex, Popconfirm, Switch, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { Webhook } from "../api/webhooks.api";
import { useWebhookMutations, useWebhooks } from "../hooks/useWebhooks";
import { CreateWebhookModal } from "./CreateWebhookModal";
import { DeliveriesDrawer } from "./DeliveriesDrawer";

/** Webhooks (admins): where changes are announced, and how each delivery went. */
export default function WebhooksPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const hooks = useWebhooks();
  const { toggle, remove } = useWebhookMutations();
  const [creating, setCreating] = useState(false);
  const [deliveriesOf, setDeliveriesOf] = useState<Webhook | null>(null);

  const columns = [
    {
      key: "url",
      title: t("webhooks.url"),
      render: (_: unknown, h: Webhook) => (
        <>
          <Typography.Text code>{h.url}</Typography.Text>
          {h.description ? <div><Typography.Text type="secondary">{h.description}</Typography.Text></div> : null}
        </>
      ),
    },
    { key: "events", title: t("webhooks.events"), render: (_: unknown, h: Webhook) => h.events.map((e) => <Tag key={e}>{e}</Tag>) },
    {
      key: "active",
      title: t("webhooks.active"),
      render: (_: unknown, h: Webhook) => (
        <Switch checked={h.active} loading={toggle.isPending && toggle.variables?.id === h.id} onChange={(active) => toggle.mutate({ id: h.id, active })} data-testid="webhook-toggle" aria-label={t("webhooks.active")} />
      ),
    },
    { key: "createdAt", title: t("common.createdAt"), render: (_: unknown, h: Webhook) => f.date(h.createdAt) },
    {
      key: "actions",
      title: t("common.actions"),
      render: (_: unknown, h: Webhook) => (
        <Flex gap={4}>
          <Button size="small" onClick={() => setDeliveriesOf(h)} data-testid="webhook-deliveries">
            {t("webhooks.deliveries")}
          </Button>
          <Popconfirm title={t("webhooks.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(h.id).catch(() => undefined)}>
            <Button size="small" danger data-testid="webhook-delete">
              {t("common.delete")}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];

  const failure = toggle.error ?? remove.error;
  return (
    <>
      <PageHeader
        title={t("nav.webhooks")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="webhook-create">
            {t("webhooks.create")}
          </Button>
        }
      />
      {failure ? <div style={{ marginBottom: 12 }}><ErrorResult error={failure} inline /></div> : null}
      <Card styles={{ body: { padding: 0 } }}>
        {hooks.isError ? (
          <ErrorResult error={hooks.error} onRetry={() => void hooks.refetch()} />
        ) : (
          <div data-testid="webhook-list">
            <Table<Webhook>
              rowKey="id"
              loading={hooks.isPending}
              dataSource={hooks.data}
              columns={columns}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty description={t("webhooks.empty")} /> }}
            />
          </div>
        )}
      </Card>
      <CreateWebhookModal open={creating} onClose={() => setCreating(false)} />
      <DeliveriesDrawer webhook={deliveriesOf} onClose={() => setDeliveriesOf(null)} />
    </>
  );
}
