import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { Account } from "../api/users.api";
import { useUsers } from "../hooks/useUsers";
import { UserModal } from "./UserModal";

/** The accounts (admins): roles, teams, who is disabled. */
export default function UsersPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const users = useUsers();
  const [editing, setEditing] = useState<Account | "new" | null>(null);

  const columns = [
    { key: "name", title: t("common.name"), render: (_: unknown, u: Account) => u.name },
    { key: "email", title: t("common.email"), render: (_: unknown, u: Account) => u.email },
    { key: "role", title: t("users.role"), render: (_: unknown, u: Account) => <Tag color={u.role === "admin" ? "red" : "blue"}>{t(`roles.${u.role}`)}</Tag> },
    { key: "team", title: t("users.team"), render: (_: unknown, u: Account) => u.team ?? "—" },
    {
      key: "status",
      title: t("common.status"),
      render: (_: unknown, u: Account) => (u.disabled ? <Tag>{t("users.disabled")}</Tag> : <Tag color="green">{t("users.active")}</Tag>),
    },
    { key: "createdAt", title: t("common.createdAt"), render: (_: unknown, u: Account) => f.date(u.createdAt) },
    {
      key: "actions",
      title: t("common.actions"),
      render: (_: unknown, u: Account) => (
        <Button size="small" onClick={() => setEditing(u)} data-testid="user-edit">
          {t("common.edit")}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("nav.users")}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="user-create">
            {t("users.create")}
          </Button>
        }
      />
      <Card styles={{ body: { padding: 0 } }}>
        {users.isError ? (
          <ErrorResult error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <div data-testid="user-list">
            <Table<Account>
              rowKey="id"
              size="middle"
              loading={users.isPending}
              dataSource={users.data}
              columns={columns}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty description={t("users.empty")} /> }}
            />
          </div>
        )}
      </Card>
      {editing ? <UserModal account={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </>
  );
}
