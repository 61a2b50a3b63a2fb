import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Flex, Popconfirm, Table, Tag } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { deleteContact } from "../../api/customers.api";
import type { ContactPerson, CustomerDetail } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";
import { ContactModal } from "./ContactModal";

/** The people to talk to at an enterprise customer, decision makers marked. */
export function Contacts({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ContactPerson | "new" | null>(null);
  const remove = useCustomerMutation(c.id, (contactId: number) => deleteContact(c.id, contactId));

  const columns = [
    {
      key: "name",
      title: t("common.name"),
      render: (_: unknown, p: ContactPerson) => (
        <Flex gap={6} wrap>
          {p.name}
          {p.isDecisionMaker ? <Tag color="gold">{t("customer.contacts.decisionMaker")}</Tag> : null}
        </Flex>
      ),
    },
    { key: "title", title: t("customer.contacts.title"), render: (_: unknown, p: ContactPerson) => p.title ?? "—" },
    { key: "phone", title: t("common.phone"), render: (_: unknown, p: ContactPerson) => p.phone ?? "—" },
    { key: "email", title: t("common.email"), render: (_: unknown, p: ContactPerson) => p.email ?? "—" },
    { key: "notes", title: t("common.notes"), render: (_: unknown, p: ContactPerson) => p.notes ?? "—" },
    ...(editable
      ? [
          {
            key: "actions",
            title: t("common.actions"),
            render: (_: unknown, p: ContactPerson) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => setEditing(p)} data-testid="contact-edit">
                  {t("common.edit")}
                </Button>
                <Popconfirm title={t("customer.contacts.deleteConfirm", { name: p.name })} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(p.id).catch(() => undefined)}>
                  <Button size="small" danger data-testid="contact-delete">
                    {t("common.delete")}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t("customer.tabs.contacts")}
      extra={editable ? <Button icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="contact-add">{t("common.add")}</Button> : null}
    >
      <div data-testid="contacts">
        <Table<ContactPerson>
          rowKey="id"
          size="small"
          dataSource={c.contacts}
          columns={columns}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("customer.contacts.empty")} /> }}
        />
      </div>
      {editing ? <ContactModal customerId={c.id} contact={editing === "new" ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}
