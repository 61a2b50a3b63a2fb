import { Alert, Button, Dropdown, Space, Table, Tag, Tooltip, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../../components/errorText";
import { useFormat } from "../../../i18n/useFormat";
import type { AgendaTask } from "../api/agenda.api";
import { useSnoozeTask } from "../hooks/useAgenda";
import { kindLabel, sourceLabel, sourceLink, tierLabel } from "./labels";

const SNOOZE_DAYS = [1, 3, 7] as const;

/**
 * Tasks of an agenda, in the order the server gives (overdue first, then by value at stake).
 * `canWork`: the reader may complete and move them (not an analyst, and on their own agenda
 * or as a manager). `onReassign`: given to managers and admins, who may hand a task to someone else.
 */
export function TaskTable({ tasks, day, canWork, onDone, onReassign, testId }: {
  tasks: AgendaTask[]; day: string; canWork: boolean; onDone: (t: AgendaTask) => void; onReassign?: (t: AgendaTask) => void; testId: string;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const snooze = useSnoozeTask();
  // Moving a task counts from the later of its due date and the agenda's day: never into the past.
  const snoozeFrom = (task: AgendaTask) => dayjs(task.dueOn > day ? task.dueOn : day);

  const failure = snooze.error ? errorText(t, snooze.error) : null;

  return (
    <>
    {failure ? <Alert type="error" showIcon closable title={failure.title} description={failure.detail} style={{ marginBottom: 12 }} data-testid="agenda-snooze-error" /> : null}
    <Table<AgendaTask>
      size="middle"
      rowKey={(x) => `${x.customerId}:${x.taskId}`}
      dataSource={tasks}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      scroll={{ x: 900 }}
      data-testid={testId}
      onRow={(x) => ({ "data-testid": "agenda-task", "data-task-id": x.taskId, "data-customer-id": x.customerId, "data-overdue": x.overdue ? "true" : "false" }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t("agenda.due"), key: "due", width: 130,
          render: (_, x) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text type={x.overdue ? "danger" : undefined}>{f.date(x.dueOn)}</Typography.Text>
              {x.overdue ? <Tag color="red" data-testid="agenda-overdue">{t("agenda.overdueDays", { n: f.number(x.daysOverdue) })}</Tag> : null}
            </Space>
          ),
        },
        {
          title: t("agenda.customer"), key: "customer",
          render: (_, x) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/customers/${x.customerId}`} data-testid="agenda-customer">{x.customer.name ?? t("common.unnamed")}</Link>
              <Space size={4} wrap>
                {x.customer.phone ? <Typography.Text type="secondary" copyable={{ text: x.customer.phone }}>{x.customer.phone}</Typography.Text> : null}
                {x.customer.tier ? <Tag data-testid="agenda-tier">{tierLabel(t, x.customer.tier)}</Tag> : null}
              </Space>
            </Space>
          ),
        },
        {
          title: t("agenda.task"), key: "task",
          render: (_, x) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text data-testid="agenda-title">{x.title}</Typography.Text>
              <Typography.Text type="secondary" data-testid="agenda-kind" data-kind={x.kind}>{kindLabel(t, x.kind)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t("agenda.source"), key: "source", width: 140,
          render: (_, x) => {
            const to = sourceLink(x);
            const text = sourceLabel(t, x.sourceType);
            return to ? <Link to={to} data-testid="agenda-source">{text}</Link> : <span data-testid="agenda-source">{text}</span>;
          },
        },
        {
          title: t("agenda.valueAtStake"), key: "value", align: "right", width: 160,
          render: (_, x) => (
            <Tooltip title={t(x.valueBasis === "risk" ? "agenda.basisRiskHelp" : "agenda.basisSalesHelp")}>
              <Space orientation="vertical" size={0} align="end" data-testid="agenda-value" data-basis={x.valueBasis} data-value={x.valueAtStake}>
                <Typography.Text strong>{f.money(x.valueAtStake)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(x.valueBasis === "risk" ? "agenda.basisRisk" : "agenda.basisSales")}</Typography.Text>
              </Space>
            </Tooltip>
          ),
        },
        ...(canWork ? [{
          title: t("common.actions"), key: "actions", width: onReassign ? 260 : 170,
          render: (_: unknown, x: AgendaTask) => (
            <Space>
              <Button type="primary" size="small" onClick={() => onDone(x)} data-testid="agenda-done">{t("agenda.done")}</Button>
              <Dropdown
                trigger={["click"]}
                menu={{
                  items: SNOOZE_DAYS.map((n) => ({ key: String(n), label: <span data-testid={`agenda-snooze-${n}`}>{t(`agenda.snoozeBy.d${n}`)}</span> })),
                  onClick: ({ key }) => snooze.mutate({ task: x, dueOn: snoozeFrom(x).add(Number(key), "day").format("YYYY-MM-DD") }),
                }}
              >
                <Button size="small" loading={snooze.isPending && snooze.variables?.task.taskId === x.taskId} data-testid="agenda-snooze">{t("agenda.snooze")}</Button>
              </Dropdown>
              {onReassign ? <Button size="small" onClick={() => onReassign(x)} data-testid="agenda-reassign">{t("agenda.reassign.action")}</Button> : null}
            </Space>
          ),
        }] : []),
      ]}
    />
    </>
  );
}
