import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Empty, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { can } from "../../auth/roles";
import { useRole, useSession } from "../../auth/hooks/useSession";
import type { AgendaTask, ValueDefinition } from "../api/agenda.api";
import { useAgenda } from "../hooks/useAgenda";
import { DoneModal } from "./DoneModal";
import { NewTaskModal } from "./NewTaskModal";
import { ReassignModal } from "./ReassignModal";
import { TaskTable } from "./TaskTable";

const DAY = "YYYY-MM-DD";

/** How the value at stake was measured, said once above the list. */
export function ValueDefinitionNote({ d }: { d: ValueDefinition }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Typography.Paragraph type="secondary" data-testid="agenda-definition">
      {d.runAsOf ? t("agenda.definition", { run: f.date(d.runAsOf), from: f.date(d.salesFrom), to: f.date(d.salesTo) }) : t("agenda.definitionNoRun", { from: f.date(d.salesFrom), to: f.date(d.salesTo) })}
    </Typography.Paragraph>
  );
}

/**
 * Today (今日待办): who to contact, overdue first and then by value at stake, and the week
 * ahead. Managers open a rep's agenda with ?owner= from the team view.
 */
export default function AgendaPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const session = useSession().data?.user;
  const me = session?.id;
  const [params, setParams] = useSearchParams();
  const owner = params.get("owner") ? Number(params.get("owner")) : undefined;
  const day = params.get("day") ?? undefined;
  const agenda = useAgenda({ day, owner });
  const [done, setDone] = useState<AgendaTask | null>(null);
  const [adding, setAdding] = useState(false);
  const [reassigning, setReassigning] = useState<AgendaTask | null>(null);
  const a = agenda.data;
  const someoneElse = a !== undefined && a.owner.id !== me;
  const canWork = can.changeCustomers(role);
  // Handing tasks to others is the managers' (tasks:team); agents add tasks for themselves.
  const manages = role === "admin" || role === "manager";
  const onReassign = manages ? setReassigning : undefined;

  const setDay = (d: string | undefined) => {
    const next = new URLSearchParams(params);
    if (d) next.set("day", d);
    else next.delete("day");
    setParams(next, { replace: true });
  };

  const extra = (
    <Space wrap>
      {someoneElse ? <Link to="/agenda/team" data-testid="agenda-back-team">{t("agenda.backToTeam")}</Link> : null}
      <DatePicker value={a ? dayjs(a.day) : day ? dayjs(day) : null} allowClear={false} onChange={(d) => setDay(d?.format(DAY))} aria-label={t("agenda.day")} data-testid="agenda-day" />
      {day ? <Button onClick={() => setDay(undefined)} data-testid="agenda-today">{t("agenda.today")}</Button> : null}
      {canWork ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="agenda-new">{t("agenda.newTask.open")}</Button> : null}
    </Space>
  );

  let body;
  if (agenda.isPending) body = <LoadingBlock rows={8} />;
  else if (agenda.isError && !a) body = <ErrorResult error={agenda.error} onRetry={() => void agenda.refetch()} />;
  else if (a) {
    const overdue = a.due.filter((x) => x.overdue).length;
    body = (
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <ValueDefinitionNote d={a.definition} />
        <Card
          title={<span data-testid="agenda-summary">{t("agenda.summary", { due: f.number(a.due.length), overdue: f.number(overdue) })}</span>}
          size="small"
        >
          {a.truncated ? <Alert type="warning" showIcon title={t("agenda.truncated")} style={{ marginBottom: 12 }} /> : null}
          {a.due.length ? (
            <TaskTable tasks={a.due} day={a.day} canWork={canWork} onDone={setDone} onReassign={onReassign} testId="agenda-due" />
          ) : (
            <Empty description={t("agenda.empty")} data-testid="agenda-empty" />
          )}
        </Card>
        <Card title={t("agenda.upcoming")} size="small">
          {a.upcoming.length ? (
            <TaskTable tasks={a.upcoming} day={a.day} canWork={canWork} onDone={setDone} onReassign={onReassign} testId="agenda-upcoming" />
          ) : (
            <Empty description={t("agenda.upcomingEmpty")} image={Empty.PRESENTED_IMAGE_SIMPLE} data-testid="agenda-upcoming-empty" />
          )}
        </Card>
      </Space>
    );
  }

  return (
    <div data-testid="agenda-page">
      <PageHeader title={someoneElse ? t("agenda.ofOwner", { name: a.owner.name }) : t("nav.agenda")} extra={extra} />
      {agenda.isError && a ? <ErrorResult error={agenda.error} onRetry={() => void agenda.refetch()} inline /> : null}
      <div data-testid="agenda-body" data-loading={agenda.isFetching ? "true" : "false"}>{body}</div>
      {done ? <DoneModal task={done} onClose={() => setDone(null)} /> : null}
      {reassigning ? <ReassignModal task={reassigning} currentOwner={a?.owner.id} onClose={() => setReassigning(null)} /> : null}
      {adding ? (
        <NewTaskModal
          onClose={() => setAdding(false)}
          // The agenda's day is today unless another was chosen.
          today={a && !day ? a.day : dayjs().format(DAY)}
          chooseOwner={manages}
          owner={manages ? a?.owner : session ? { id: session.id, name: session.name } : undefined}
        />
      ) : null}
    </div>
  );
}
