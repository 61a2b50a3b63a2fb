import { Card, DatePicker, Empty, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import type { StaffLoad, TeamLoad, TeamView } from "../api/agenda.api";
import { useTeamAgenda } from "../hooks/useAgenda";
import { ValueDefinitionNote } from "./AgendaPage";

/**
 * The manager's view of the team's agendas: per rep (and the tasks nobody owns) and per team,
 * what is open, due today and overdue, what was done, and the value at stake. A rep's name
 * opens their agenda.
 */
export default function TeamPage() {
  const { t } = useTranslation();
  const [day, setDay] = useState<string | undefined>(undefined);
  const team = useTeamAgenda(day);
  const v = team.data;

  let body;
  if (team.isPending) body = <LoadingBlock rows={8} />;
  else if (team.isError && !v) body = <ErrorResult error={team.error} onRetry={() => void team.refetch()} />;
  else if (v && v.staff.every((s) => s.open === 0 && s.done30 === 0)) body = <Card><Empty description={t("agenda.teamEmpty")} data-testid="agenda-team-empty" /></Card>;
  else if (v) body = <Tables v={v} />;

  return (
    <div data-testid="agenda-team-page">
      <PageHeader
        title={t("nav.agendaTeam")}
        extra={<DatePicker value={v ? dayjs(v.day) : null} allowClear={false} onChange={(d) => setDay(d?.format("YYYY-MM-DD"))} aria-label={t("agenda.day")} data-testid="agenda-team-day" />}
      />
      {team.isError && v ? <ErrorResult error={team.error} onRetry={() => void team.refetch()} inline /> : null}
      <div data-testid="agenda-team-body" data-loading={team.isFetching ? "true" : "false"}>{body}</div>
    </div>
  );
}

function useLoadColumns<T extends StaffLoad | TeamLoad>() {
  const { t } = useTranslation();
  const f = useFormat();
  const cell = (id: string, v: React.ReactNode, danger = false) => <Typography.Text type={danger ? "danger" : undefined} data-testid={id}>{v}</Typography.Text>;
  return [
    { title: t("agenda.open"), key: "open", align: "right" as const, render: (_: unknown, x: T) => cell("open", f.number(x.open)) },
    { title: t("agenda.dueToday"), key: "dueToday", align: "right" as const, render: (_: unknown, x: T) => cell("due-today", f.number(x.dueToday)) },
    {
      title: t("agenda.overdue"), key: "overdue", align: "right" as const,
      render: (_: unknown, x: T) => (
        <Space orientation="vertical" size={0} align="end">
          {cell("overdue", f.number(x.overdue), x.overdue > 0)}
          {x.oldestOverdue ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="oldest">{t("agenda.oldest", { date: f.date(x.oldestOverdue) })}</Typography.Text> : null}
        </Space>
      ),
    },
    { title: t("agenda.done7"), key: "done7", align: "right" as const, render: (_: unknown, x: T) => cell("done7", f.number(x.done7)) },
    { title: t("agenda.done30"), key: "done30", align: "right" as const, render: (_: unknown, x: T) => cell("done30", f.number(x.done30)) },
    { title: t("agenda.valueAtStake"), key: "value", align: "right" as const, render: (_: unknown, x: T) => cell("value", f.money(x.valueAtStake)) },
  ];
}

function Tables({ v }: { v: TeamView }) {
  const { t } = useTranslation();
  const staffCols = useLoadColumns<StaffLoad>();
  const teamCols = useLoadColumns<TeamLoad>();
  return (
    <Space orientation="vertical" size={16} style={{ width: "100%" }}>
      <ValueDefinitionNote d={v.definition} />
      <Card title={t("agenda.byStaff")} size="small">
        <Table<StaffLoad>
          size="middle"
          rowKey={(x) => String(x.userId ?? "none")}
          dataSource={v.staff}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          data-testid="agenda-team-staff"
          onRow={(x) => ({ "data-testid": "agenda-team-row", "data-user-id": x.userId ?? "none" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("agenda.staff"), key: "name",
              render: (_, x) => x.userId === null
                ? <Typography.Text type="secondary" data-testid="agenda-team-unassigned">{t("agenda.unassigned")}</Typography.Text>
                : <Link to={`/agenda?owner=${x.userId}`} data-testid="agenda-team-open">{x.name}</Link>,
            },
            { title: t("agenda.team"), key: "team", render: (_, x) => x.team ?? "—" },
            ...staffCols,
          ]}
        />
      </Card>
      <Card title={t("agenda.byTeam")} size="small">
        <Table<TeamLoad>
          size="middle"
          rowKey={(x) => x.team ?? ""}
          dataSource={v.teams}
          pagination={false}
          data-testid="agenda-team-teams"
          onRow={(x) => ({ "data-testid": "agenda-team-team", "data-team": x.team ?? "" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t("agenda.team"), key: "team", render: (_, x) => x.team ?? t("agenda.noTeam") },
            { title: t("agenda.members"), key: "members", align: "right" as const, render: (_, x) => x.members },
            ...teamCols,
          ]}
        />
      </Card>
    </Space>
  );
}
