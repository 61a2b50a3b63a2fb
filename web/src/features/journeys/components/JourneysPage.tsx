import { PlayCircleOutlined, SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Descriptions, Empty, Input, InputNumber, Select, Space, Steps, Switch, Table, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import {
  fetchJourneySettings, fetchUpcoming, LANGUAGES, runJourneys, saveJourneySettings, STEPS,
  type CategoryJourney, type JourneySettings, type JourneySettingsView, type RunResult, type UpcomingItem,
} from "../api/journeys.api";
import { templateProblems } from "./template-problems";

type Row = { category: string | null; journey: CategoryJourney; custom: boolean; median: number | null };
const FIELDS = ["infoAfterDays", "checkInAfterDays", "replacementCycleDays", "offerLeadDays"] as const;

/**
 * The post-purchase journey (DOMAIN §5): the four stages after a purchase as a timeline per
 * product category, their delays and the message of each step, editable; "run now" and what
 * the coming days hold.
 */
export default function JourneysPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const view = useQuery({ queryKey: ["journey-settings"], queryFn: fetchJourneySettings });
  const upcoming = useQuery({ queryKey: ["journeys-upcoming", "journey"], queryFn: () => fetchUpcoming({ days: 30, source: "journey" }) });
  const [draft, setDraft] = useState<JourneySettings | null>(null);
  const [result, setResult] = useState<RunResult | null>(null);
  useEffect(() => {
    if (view.data && !draft) setDraft(view.data.settings);
  }, [view.data, draft]);

  const save = useMutation({
    mutationFn: saveJourneySettings,
    onSuccess: (v) => {
      qc.setQueryData(["journey-settings"], v);
      setDraft(v.settings);
      void message.success(t("common.saved"));
      void qc.invalidateQueries({ queryKey: ["journeys-upcoming"] });
    },
  });
  const run = useMutation({
    mutationFn: runJourneys,
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: ["journeys-upcoming"] });
    },
  });

  if (view.isPending || (view.data && !draft)) return <div data-testid="journeys-page"><PageHeader title={t("nav.journeys")} /><LoadingBlock /></div>;
  if (view.isError) return <div data-testid="journeys-page"><PageHeader title={t("nav.journeys")} /><ErrorResult error={view.error} onRetry={() => void view.refetch()} /></div>;
  const s = draft!;
  const v: JourneySettingsView = view.data;

  const rows: Row[] = [
    { category: null, journey: s.default, custom: true, median: null },
    ...v.categories.map((c) => {
      const own = s.categories.find((x) => x.category === c.category);
      return { category: c.category, journey: own ?? c.journey, custom: own !== undefined, median: c.medianReplacementDays };
    }),
  ];
  const setJourney = (category: string | null, field: (typeof FIELDS)[number], value: number) => {
    if (category === null) return setDraft({ ...s, default: { ...s.default, [field]: value } });
    const current = rows.find((r) => r.category === category)!.journey;
    const others = s.categories.filter((x) => x.category !== category);
    setDraft({ ...s, categories: [...others, { category, ...current, [field]: value }] });
  };
  const reset = (category: string) => setDraft({ ...s, categories: s.categories.filter((x) => x.category !== category) });
  const offerDay = (j: CategoryJourney) => Math.max(j.checkInAfterDays + 1, j.replacementCycleDays - j.offerLeadDays);
  const saveError = save.error instanceof ApiError ? save.error : null;

  return (
    <div data-testid="journeys-page">
      <PageHeader
        title={t("nav.journeys")}
        extra={
          <Space>
            <Button icon={<PlayCircleOutlined />} loading={run.isPending} onClick={() => run.mutate()} data-testid="journeys-run">{t("journeys.runNow")}</Button>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate(s)} data-testid="journeys-save">{t("common.save")}</Button>
          </Space>
        }
      />
      <Typography.Paragraph type="secondary">{t("journeys.intro")}</Typography.Paragraph>
      {saveError ? <Alert type="error" showIcon style={{ marginBottom: 16 }} message={saveError.message} description={saveError.field} data-testid="journeys-save-error" /> : null}
      {run.isError ? <ErrorResult error={run.error} inline /> : null}
      {result ? (
        <Card size="small" style={{ marginBottom: 16 }} data-testid="journeys-run-result">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t("journeys.result.day")}>{result.asOfDay}</Descriptions.Item>
            <Descriptions.Item label={t("journeys.result.journeys")}><span data-testid="journeys-run-created">{result.journeys.created}</span></Descriptions.Item>
            <Descriptions.Item label={t("journeys.result.reminders")}>{result.reminders.created}</Descriptions.Item>
            <Descriptions.Item label={t("journeys.result.emails")}>
              {t("journeys.result.emailCounts", { queued: result.journeys.emails.queued, held: result.journeys.emails.held, skipped: result.journeys.emails.skipped })}
            </Descriptions.Item>
            <Descriptions.Item label={t("journeys.result.existing")}>{result.journeys.existing + result.reminders.existing}</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}

      <Card title={t("journeys.stages")} style={{ marginBottom: 16 }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t("journeys.enabled")}</span>
          <Switch checked={s.enabled} onChange={(enabled) => setDraft({ ...s, enabled })} data-testid="journeys-enabled" />
          <span>{t("journeys.welcomeWithinDays")}</span>
          <InputNumber min={0} max={7} value={s.welcomeWithinDays} onChange={(n) => setDraft({ ...s, welcomeWithinDays: n ?? 0 })} data-testid="journeys-welcome-days" />
          <span>{t("journeys.language")}</span>
          <Select value={s.language} style={{ width: 120 }} onChange={(language) => setDraft({ ...s, language })} options={LANGUAGES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
        </Space>
        <Table<Row>
          rowKey={(r) => r.category ?? ""}
          dataSource={rows}
          pagination={false}
          scroll={{ x: true }}
          size="small"
          onRow={(r) => ({ "data-testid": "journeys-category-row", "data-category": r.category ?? "" }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: t("journeys.category"), key: "category",
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <strong>{r.category ?? t("journeys.defaultCategory")}</strong>
                  {r.median !== null ? <Typography.Text type="secondary">{t("journeys.median", { days: r.median })}</Typography.Text> : null}
                  {r.category !== null && r.custom ? <Button size="small" type="link" onClick={() => reset(r.category!)}>{t("journeys.useDefault")}</Button> : null}
                </Space>
              ),
            },
            ...FIELDS.map((field) => ({
              title: t(`journeys.fields.${field}`), key: field,
              render: (_: unknown, r: Row) => (
                <InputNumber min={field === "offerLeadDays" ? 0 : 1} value={r.journey[field]} style={{ width: 90 }}
                  onChange={(n) => setJourney(r.category, field, n ?? 0)} data-testid={`journeys-${field}-${r.category ?? "default"}`} />
              ),
            })),
            {
              title: t("journeys.timeline"), key: "timeline",
              render: (_, r) => (
                <Steps size="small" progressDot current={4} style={{ minWidth: 420 }} items={[
                  { title: t("journeys.steps.welcome"), description: t("journeys.dayN", { n: s.welcomeWithinDays }) },
                  { title: t("journeys.steps.information"), description: t("journeys.dayN", { n: r.journey.infoAfterDays }) },
                  { title: t("journeys.steps.checkIn"), description: t("journeys.dayN", { n: r.journey.checkInAfterDays }) },
                  { title: t("journeys.steps.repurchaseOffer"), description: t("journeys.dayN", { n: offerDay(r.journey) }) },
                ]} />
              ),
            },
          ]}
        />
      </Card>

      <Card title={t("journeys.messages")} style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t("journeys.mergeFields", { fields: v.mergeFields.map((f) => `{{${f}}}`).join(" ") })}</Typography.Paragraph>
        {STEPS.map((step) => {
          const tpl = s.steps[step];
          const problems = templateProblems(step, tpl, v.mergeFields);
          const set = (patch: Partial<typeof tpl>) => setDraft({ ...s, steps: { ...s.steps, [step]: { ...tpl, ...patch } } });
          return (
            <Card key={step} type="inner" size="small" style={{ marginBottom: 12 }} data-testid={`journeys-step-${step}`}
              title={t(`journeys.steps.${step}`)}
              extra={
                <Space>
                  <Select value={tpl.channel} style={{ width: 130 }} onChange={(channel) => set({ channel })} data-testid={`journeys-step-${step}-channel`}
                    options={[{ value: "task", label: t("journeys.channels.task") }, { value: "email", label: t("journeys.channels.email") }]} />
                  <Button size="small" onClick={() => set(v.defaultTemplates[s.language][step])}>{t("journeys.defaultTemplate")}</Button>
                </Space>
              }
            >
              <Input value={tpl.subject} onChange={(e) => set({ subject: e.target.value })} placeholder={t("journeys.subject")} style={{ marginBottom: 8 }} />
              <Input.TextArea value={tpl.body} onChange={(e) => set({ body: e.target.value })} autoSize={{ minRows: 3, maxRows: 10 }} />
              {problems.length ? (
                <Space wrap style={{ marginTop: 8 }} data-testid={`journeys-step-${step}-problems`}>
                  {problems.map((p, i) => <Tag key={i} color="red">{t(`journeys.problems.${p.code}`, p)}</Tag>)}
                </Space>
              ) : null}
            </Card>
          );
        })}
      </Card>

      <Card title={t("journeys.upcoming")}>
        {upcoming.isPending ? <LoadingBlock /> : upcoming.isError ? <ErrorResult error={upcoming.error} onRetry={() => void upcoming.refetch()} />
          : !upcoming.data.items.length ? <Empty description={t("journeys.upcomingEmpty")} data-testid="journeys-upcoming-empty" />
          : (
            <Table<UpcomingItem>
              rowKey={(i) => `${i.customerId}-${i.key}`}
              dataSource={upcoming.data.items}
              size="small"
              scroll={{ x: true }}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="journeys-upcoming-table"
              onRow={(i) => ({ "data-testid": "journeys-upcoming-row", "data-key": i.key, "data-state": i.state, "data-due": i.dueOn }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: t("journeys.due"), dataIndex: "dueOn" },
                { title: t("journeys.customer"), key: "customer", render: (_, i) => <Link to={`/customers/${i.customerId}`}>{i.customerName ?? `#${i.customerId}`}</Link> },
                { title: t("journeys.step"), key: "step", render: (_, i) => (i.step ? t(`journeys.steps.${i.step}`) : i.kind) },
                { title: t("journeys.category"), dataIndex: "category", render: (c: string | null) => c ?? "—" },
                { title: t("journeys.channel"), dataIndex: "channel", render: (c: "task" | "email") => t(`journeys.channels.${c}`) },
                { title: t("journeys.owner"), dataIndex: "ownerName", render: (o: string | null) => o ?? t("journeys.unassigned") },
                {
                  title: t("journeys.state"), key: "state",
                  render: (_, i) => (i.state === "skipped"
                    ? <Tooltip title={t(`journeys.skipReasons.${i.skipReason ?? "no_consent"}`)}><Tag color="orange" data-testid="journeys-upcoming-skipped" data-reason={i.skipReason}>{t("journeys.states.skipped")} · {t(`journeys.skipReasons.${i.skipReason ?? "no_consent"}`)}</Tag></Tooltip>
                    : <Tag color={i.state === "planned" ? undefined : "green"}>{t(`journeys.states.${i.state}`)}</Tag>),
                },
              ]}
            />
          )}
      </Card>
    </div>
  );
}
