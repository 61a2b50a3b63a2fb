import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Popconfirm, Table } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatMonthDay } from "../../../../i18n/format";
import { useFormat } from "../../../../i18n/useFormat";
import { deleteKeyDate } from "../../api/customers.api";
import type { CustomerDetail, KeyDate } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";
import { KeyDateModal } from "./KeyDateModal";

/** Birthdays, weddings, company anniversaries: the dates care reminders are planned from. */
export function KeyDates({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [adding, setAdding] = useState(false);
  const remove = useCustomerMutation(c.id, (keyDateId: number) => deleteKeyDate(c.id, keyDateId));

  const when = (d: KeyDate) => {
    if (d.calendar === "lunar") {
      const md = t(d.leapMonth ? "customer.keyDates.lunarLeap" : "customer.keyDates.lunar", { month: d.month, day: d.day });
      return d.year ? t("customer.keyDates.withYear", { date: md, year: d.year }) : md;
    }
    const md = formatMonthDay(d.month, d.day, f.locale);
    return d.year ? t("customer.keyDates.withYear", { date: md, year: d.year }) : md;
  };

  const columns = [
    { key: "kind", title: t("customer.keyDates.kind"), render: (_: unknown, d: KeyDate) => t(`keyDateKinds.${d.kind}`) },
    { key: "label", title: t("customer.keyDates.label"), render: (_: unknown, d: KeyDate) => d.label ?? "—" },
    { key: "calendar", title: t("customer.keyDates.calendar"), render: (_: unknown, d: KeyDate) => t(`calendars.${d.calendar}`) },
    { key: "date", title: t("customer.keyDates.date"), render: (_: unknown, d: KeyDate) => when(d) },
    ...(editable
      ? [
          {
            key: "actions",
            title: t("common.actions"),
            render: (_: unknown, d: KeyDate) => (
              <Popconfirm title={t("customer.keyDates.deleteConfirm")} okText={t("common.delete")} cancelText={t("common.cancel")} okButtonProps={{ danger: true }} onConfirm={() => remove.mutateAsync(d.id).catch(() => undefined)}>
                <Button size="small" danger data-testid="key-date-delete">
                  {t("common.delete")}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={t("customer.tabs.keyDates")}
      extra={editable ? <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="key-date-add">{t("common.add")}</Button> : null}
    >
      <div data-testid="key-dates">
        <Table<KeyDate>
          rowKey="id"
          size="small"
          dataSource={c.keyDates}
          columns={columns}
          pagination={false}
          scroll={{ x: "max-content" }}
          locale={{ emptyText: <Empty description={t("customer.keyDates.empty")} /> }}
        />
      </div>
      <KeyDateModal customerId={c.id} open={adding} onClose={() => setAdding(false)} />
    </Card>
  );
}
