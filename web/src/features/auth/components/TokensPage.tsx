import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Empty, Popconfirm, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { ApiToken } from "../api/auth.api";
import { useRevokeToken, useTokens } from "../hooks/useTokens";
import { CreateTokenModal } from "./CreateTokenModal";

/** Personal API tokens: scripts sign in with them instead of a password. */
export default function TokensPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [creating, setCreating] = useState(false);

  const columns = [
    { key: "name", title: t("common.name"), render: (_: unknown, r: ApiToken) => r.name },
    { key: "prefix", title: t("tokens.prefix"), render: (_: unknown, r: ApiToken) => <Typography.Text code>{r.prefix}…</Typography.Text> },
    { key: "created", title: t("common.createdAt"), render: (_: unknown, r: ApiToken) => f.dateTime(r.createdAt) },
    { key: "used", title: t("tokens.lastUsed"), render: (_: unknown, r: ApiToken) => (r.lastUsedAt ? f.dateTime(r.lastUsedAt) : t("tokens.neverUsed")) },
    { key: "expires", title: t("tokens.expires"), render: (_: unknown, r: ApiToken) => (r.expiresAt ? f.date(r.expiresAt) : t("tokens.noExpiry")) },
    {
      key: "actions",
      title: t("common.actions"),
      render: (_: unknown, r: ApiToken) => (
        <Popconfirm
          title={t("tokens.revokeConfirm")}
          okText={t("tokens.revoke")}
          cancelText={t("common.cancel")}
          okButtonProps={{ danger: true }}
          onConfirm={() => revoke.mutateAsync(r.id).then(() => void message.success(t("tokens.revoked")), () => undefined)}
        >
          <Button danger size="small" data-testid="token-revoke">
            {t("tokens.revoke")}
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("nav.tokens")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
            {t("tokens.create")}
          </Button>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t("tokens.intro")}</Typography.Paragraph>
        {revoke.error ? <FormError error={revoke.error} /> : null}
        {tokens.isPending ? (
          <LoadingBlock />
        ) : tokens.isError ? (
          <ErrorResult error={tokens.error} onRetry={() => void tokens.refetch()} inline />
        ) : (
          <Table
            rowKey="id"
            size="middle"
            dataSource={tokens.data}
            columns={columns}
            pagination={false}
            scroll={{ x: "max-content" }}
            locale={{ emptyText: <Empty description={t("tokens.empty")} /> }}
            data-testid="token-list"
          />
        )}
      </Card>
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
