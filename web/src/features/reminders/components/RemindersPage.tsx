import { SaveOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Empty, InputNumber, Segmented, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useRole } from "../../auth/hooks/useSession";
import {
  fetchReminderSettings, fetchUpcoming, saveReminderSettings, TIERS, type LeadKind, type ReminderSettings, type UpcomingItem,
} from "../../journeys/api/journeys.api";

const LEADS: LeadKind[] = ["birthday", "lunarBirthday", "weddingAnniversary", "companyAnniversary", "other", "festival"];
const CN_DAYS = ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十", "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十", "廿一", "廿二", "廿三", "廿四", "廿五", "廿六", "廿七", "廿八", "廿九", "三十"];

/** 八月十五 in Chinese, "lunar 8/15" in English. */
function useLunarText() {
  const { t, i18n } = useTranslation();
  return (l: { month: number; day: number; leap: boolean }) =>
    i18n.language.startsWith("zh")
      ? `${l.leap ? t("reminders.leap") : ""}${t(`reminders.lunarMonths.${l.month}` as "reminders.lunarMonths.1")}${CN_DAYS[l.day - 1]}`
      : t("reminders.lunarDate", { month: l.month, day: l.day, leap: l.leap ? t("reminders.leap") : "" });
}

/**
 * Care reminders (DOMAIN §5): the birthdays, lunar birthdays, anniversaries, festivals and
 * key-account visits coming up, with the lunar date where the occasion keeps one; managers
 * set how early each is reminded, who is greeted on which festival and how often key
 * accounts are visited.
 */
export default function RemindersPage() {
  const { t } = useTranslation();
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const lunarText = useLunarText();
  const [days, setDays] = useState(30);
  const list = useQuery({ queryKey: ["journeys-upcoming", "reminder", days], queryFn: () => fetchUpcoming({ days, source: "reminder" }) });

  const occasionLabel = (i: UpcomingItem): string => {
    const o = i.occasion;
    if (!o) return i.title;
    if (o.festival) return String(t(`reminders.festival.${o.festival}` as "reminders.festival.midAutumn"));
    if (o.label) return o.label;
    return String(t(`reminders.occasion.${o.kind}` as "reminders.occasion.birthday"));
  };

  let body;
  if (list.isPending) body = <LoadingBlock />;
  else if (list.isError) body = <ErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  else if (!list.data.items.length) body = <Empty description={t("reminders.empty", { days })} data-testid="reminders-empty" />;
  else {
    body = (
      <Table<UpcomingItem>
        rowKey={(i) => `${i.customerId}-${i.key}`}
        dataSource={list.data.items}
        size="small"
        scroll={{ x: true }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="reminders-table"
        onRow={(i) => ({ "data-testid": "reminders-row", "data-key": i.key, "data-customer": i.customerId }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t("reminders.date"), key: "date", render: (_, i) => <span data-testid="reminders-date">{i.occasion?.date ?? i.dueOn}</span> },
          { title: t("reminders.lunar"), key: "lunar", render: (_, i) => <span data-testid="reminders-lunar">{i.occasion?.lunar ? lunarText(i.occasion.lunar) : "—"}</span> },
          { title: t("reminders.customer"), key: "customer", render: (_, i) => <Link to={`/customers/${i.customerId}`}>{i.customerName ?? `#${i.customerId}`}</Link> },
          { title: t("reminders.occasionCol"), key: "occasion", render: (_, i) => <span data-testid="reminders-occasion">{occasionLabel(i)}</span> },
          { title: t("reminders.years"), key: "years", render: (_, i) => (i.occasion?.years ?? "—") },
          { title: t("reminders.remindOn"), dataIndex: "dueOn" },
          { title: t("reminders.owner"), dataIndex: "ownerName", render: (o: string | null) => o ?? t("reminders.unassigned") },
          { title: t("reminders.state"), dataIndex: "state", render: (st: "task" | "planned") => <Tag color={st === "task" ? "green" : undefined}>{t(`reminders.states.${st}`)}</Tag> },
        ]}
      />
    );
  }

  return (
    <div data-testid="reminders-page">
      <PageHeader
        title={t("nav.reminders")}
        extra={<Segmented value={days} onChange={(d) => setDays(Number(d))} options={[{ value: 30, label: t("reminders.days", { n: 30 }) }, { value: 90, label: t("reminders.days", { n: 90 }) }]} data-testid="reminders-days" />}
      />
      <Typography.Paragraph type="secondary">{t("reminders.intro")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>{body}</Card>
      {manages ? <ReminderSettingsCard /> : null}
    </div>
  );
}

function ReminderSettingsCard() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const view = useQuery({ queryKey: ["reminder-settings"], queryFn: fetchReminderSettings });
  const [s, setS] = useState<ReminderSettings | null>(null);
  useEffect(() => {
    if (view.data && !s) setS(view.data.settings);
  }, [view.data, s]);
  const save = useMutation({
    mutationFn: saveReminderSettings,
    onSuccess: (v) => {
      qc.setQueryData(["reminder-settings"], v);
      setS(v.settings);
      void message.success(t("common.saved"));
      void qc.invalidateQueries({ queryKey: ["journeys-upcoming"] });
    },
  });
  if (view.isPending || (view.data && !s)) return <Card title={t("reminders.settings")}><LoadingBlock /></Card>;
  if (view.isError) return <Card title={t("reminders.settings")}><ErrorResult error={view.error} onRetry={() => void view.refetch()} /></Card>;
  const st = s!;
  const lang = (i18n.language === "zh-TW" || i18n.language === "en" ? i18n.language : "zh-CN") as "zh-CN" | "zh-TW" | "en";
  const tierOptions = TIERS.map((x) => ({ value: x, label: t(`reminders.tiers.${x}`) }));
  const chosen = (key: string) => st.festivals.find((f) => f.key === key);
  const setFestival = (key: string, on: boolean, tiers?: ReminderSettings["festivals"][number]["tiers"]) => {
    const others = st.festivals.filter((f) => f.key !== key);
    setS({ ...st, festivals: on ? [...others, { key, tiers: tiers ?? chosen(key)?.tiers ?? ["key", "secondary"] }] : others });
  };
  const err = save.error instanceof ApiError ? save.error : null;

  return (
    <Card title={t("reminders.settings")} data-testid="reminders-settings"
      extra={<Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={() => save.mutate(st)} data-testid="reminders-save">{t("common.save")}</Button>}>
      {err ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={err.message} description={err.field} /> : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t("reminders.enabled")}</span>
        <Switch checked={st.enabled} onChange={(enabled) => setS({ ...st, enabled })} />
        <span>{t("reminders.horizon")}</span>
        <InputNumber min={0} max={60} value={st.horizonDays} onChange={(n) => setS({ ...st, horizonDays: n ?? 0 })} />
      </Space>
      <Typography.Title level={5}>{t("reminders.leadDays")}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {LEADS.map((k) => (
          <Space key={k} size={4}>
            <span>{t(`reminders.occasion.${k}`)}</span>
            <InputNumber min={0} max={60} value={st.leadDays[k]} style={{ width: 70 }} onChange={(n) => setS({ ...st, leadDays: { ...st.leadDays, [k]: n ?? 0 } })} data-testid={`reminders-lead-${k}`} />
          </Space>
        ))}
      </Space>
      <Typography.Title level={5}>{t("reminders.festivals")}</Typography.Title>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={view.data.festivals}
        columns={[
          {
            title: t("reminders.festivalCol"), key: "name",
            render: (_, f) => (
              <Checkbox checked={!!chosen(f.key)} onChange={(e) => setFestival(f.key, e.target.checked)} data-testid={`reminders-festival-${f.key}`}>
                {f.names[lang]} {f.lunar ? <Tag>{t("reminders.lunarTag")}</Tag> : null}
              </Checkbox>
            ),
          },
          {
            title: t("reminders.tiersCol"), key: "tiers",
            render: (_, f) => (
              <Select mode="multiple" style={{ minWidth: 260 }} disabled={!chosen(f.key)} value={chosen(f.key)?.tiers ?? []} options={tierOptions}
                onChange={(tiers) => setFestival(f.key, true, tiers)} />
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t("reminders.visits")}</Typography.Title>
      <Space wrap>
        <Switch checked={st.visits.enabled} onChange={(enabled) => setS({ ...st, visits: { ...st.visits, enabled } })} data-testid="reminders-visits-enabled" />
        <span>{t("reminders.everyDays")}</span>
        <InputNumber min={7} max={365} value={st.visits.everyDays} onChange={(n) => setS({ ...st, visits: { ...st.visits, everyDays: n ?? 90 } })} data-testid="reminders-visits-every" />
        <span>{t("reminders.tiersCol")}</span>
        <Select mode="multiple" style={{ minWidth: 220 }} value={st.visits.tiers} options={tierOptions} onChange={(tiers) => setS({ ...st, visits: { ...st.visits, tiers } })} />
      </Space>
    </Card>
  );
}
