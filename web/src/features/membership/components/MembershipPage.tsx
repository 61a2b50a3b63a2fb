import { Alert, App, Button, Card, Col, DatePicker, Empty, Row, Space, Table, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EChart } from "../../../components/EChart";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { can } from "../../auth/roles";
import type { ComparisonGroup, MembersSummary } from "../api/membership.api";
import { useApplyProgramme, useComparison, useMembersSummary } from "../hooks/useMembership";
import { ProgrammeCard } from "./ProgrammeCard";

/**
 * Membership (docs/membership.md): how many customers hold each level, members against
 * non-members in the year after a reference day (beside the seeds' caution that points are
 * easy to copy), and, for admins, the programme's settings.
 */
export default function MembershipPage() {
  const { t } = useTranslation();
  const role = useRole();
  const admin = can.administer(role);
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const apply = useApplyProgramme();
  const { message } = App.useApp();

  const extra = (
    <Space wrap>
      <DatePicker
        picker="month"
        value={asOf ? dayjs(asOf) : null}
        onChange={(d) => setAsOf(d ? d.endOf("month").format("YYYY-MM-DD") : undefined)}
        placeholder={t("membership.asOfDefault")}
        allowClear
        data-testid="membership-as-of"
      />
      {admin ? (
        <Button
          type="primary"
          loading={apply.isPending}
          data-testid="membership-apply"
          onClick={() => void apply.mutateAsync().then((r) => message.success(t("membership.applied", { customers: r.customers, members: r.members, date: r.asOf }))).catch(() => undefined)}
        >
          {t("membership.apply")}
        </Button>
      ) : null}
    </Space>
  );

  return (
    <div data-testid="membership-page">
      <PageHeader title={t("nav.membership")} extra={extra} />
      {apply.isError ? <ErrorResult error={apply.error} inline /> : null}
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <LevelsCard />
        <ComparisonCard asOf={asOf} />
        {admin ? <ProgrammeCard /> : null}
      </Space>
    </div>
  );
}

function LevelsCard() {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useMembersSummary();
  const s = q.data;
  let body: ReactNode;
  if (q.isPending) body = <LoadingBlock rows={4} />;
  else if (q.isError) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else if (!s!.asOf) body = <Empty description={t("membership.levelsEmpty")} data-testid="membership-levels-empty" />;
  else body = <LevelsBody s={s!} />;
  return (
    <Card title={t("membership.levelsTitle")} extra={s?.asOf ? <Typography.Text type="secondary">{t("membership.levelsAsOf", { date: f.date(s.asOf), customers: f.number(s.customers) })}</Typography.Text> : null} data-testid="membership-levels-card">
      {body}
    </Card>
  );
}

function LevelsBody({ s }: { s: MembersSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const option = useMemo(() => ({
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: "axis" as const },
    xAxis: { type: "category" as const, data: s.levels.map((l) => l.name ?? "—") },
    yAxis: { type: "value" as const, minInterval: 1 },
    series: [{ type: "bar" as const, name: t("membership.members"), data: s.levels.map((l) => l.members), itemStyle: { color: "#1677ff" } }],
  }), [s, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <EChart option={option} height={240} testId="membership-levels-chart" />
      </Col>
      <Col xs={24} xl={10}>
        <Table
          size="small"
          rowKey={(r) => r.level ?? "none"}
          pagination={false}
          dataSource={s.levels}
          data-testid="membership-levels-table"
          columns={[
            { title: t("membership.level"), dataIndex: "name" },
            { title: t("membership.members"), dataIndex: "members", align: "right", render: (n: number) => f.number(n) },
            { title: t("membership.share"), key: "share", align: "right", render: (_: unknown, r) => pct(s.customers ? r.members / s.customers : 0, f.locale) },
            { title: t("membership.pointsHeld"), dataIndex: "balance", align: "right", render: (n: number) => f.number(n) },
          ]}
        />
      </Col>
    </Row>
  );
}

const pct = (x: number, locale: string) => new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(x);

function ComparisonCard({ asOf }: { asOf?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const q = useComparison(asOf);
  const c = q.data;
  let body: ReactNode;
  if (q.isPending) body = <LoadingBlock rows={4} />;
  else if (q.isError && !c) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else if (c!.groups.length === 0) body = <Empty description={t("membership.comparisonEmpty", { from: f.date(c!.baseFrom), day: f.date(c!.day) })} data-testid="membership-comparison-empty" />;
  else {
    body = (
      <>
        <Typography.Paragraph type="secondary" data-testid="membership-comparison-text">
          {t("membership.comparisonText", { from: f.date(c!.baseFrom), day: f.date(c!.day), asOf: f.date(c!.asOf) })}
        </Typography.Paragraph>
        <Table<ComparisonGroup>
          size="small"
          rowKey={(r) => r.level ?? "none"}
          pagination={false}
          dataSource={c!.groups}
          scroll={{ x: true }}
          data-testid="membership-comparison"
          columns={[
            { title: t("membership.level"), key: "level", render: (_: unknown, r) => r.name ?? t("membership.nonMember") },
            { title: t("membership.customers"), dataIndex: "customers", align: "right", render: (n: number) => f.number(n) },
            { title: t("membership.netBefore"), dataIndex: "netBefore", align: "right", render: (v: string) => f.money(v) },
            { title: t("membership.frequency"), dataIndex: "frequency", align: "right", render: (v: number) => v.toFixed(2) },
            { title: t("membership.netPerCustomer"), dataIndex: "netPerCustomer", align: "right", render: (v: string) => f.money(v) },
            { title: t("membership.retention"), dataIndex: "retention", align: "right", render: (v: number) => pct(v, f.locale) },
          ]}
        />
      </>
    );
  }
  return (
    <Card title={t("membership.comparisonTitle")} data-testid="membership-comparison-card">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          {q.isError && c ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline /> : null}
          {body}
        </Col>
        <Col xs={24} xl={8}>
          <Alert type="warning" showIcon title={t("membership.cautionTitle")} description={t("membership.caution")} data-testid="membership-caution" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t("membership.comparisonNote")}</Typography.Paragraph>
        </Col>
      </Row>
    </Card>
  );
}
