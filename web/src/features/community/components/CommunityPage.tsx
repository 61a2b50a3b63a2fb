import { Badge, Button, Card, Empty, Flex, Segmented, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { SUGGESTION_STATUSES, type Suggestion, type SuggestionStatus } from "../api/community.api";
import { useSuggestions } from "../hooks/useSuggestions";
import { DecideModal } from "./DecideModal";
import { RecordSuggestionModal } from "./RecordSuggestionModal";

const STATUS_COLOR: Record<SuggestionStatus, string> = { new: "gold", accepted: "blue", implemented: "green", declined: "default" };

/**
 * The community plan (共同体计划, DOMAIN §5): customers' suggestions as staff record them,
 * and managers' decisions and rewards, each suggestion rewarded once.
 */
export default function CommunityPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const canRecord = role !== undefined && role !== "analyst";
  const canDecide = role === "admin" || role === "manager";
  const [status, setStatus] = useState<SuggestionStatus | "all">("all");
  const [stack, setStack] = useState<number[]>([]);
  const [recording, setRecording] = useState(false);
  const [deciding, setDeciding] = useState<Suggestion | null>(null);
  const q = useSuggestions({ status: status === "all" ? undefined : status, beforeId: stack.at(-1) });
  const data = q.data;

  const filters = (
    <Space wrap>
      <Segmented<SuggestionStatus | "all">
        value={status}
        onChange={(s) => { setStatus(s); setStack([]); }}
        options={(["all", ...SUGGESTION_STATUSES] as const).map((s) => ({
          value: s,
          label: (
            <span data-testid={`community-status-${s}`}>
              {s === "all" ? t("common.all") : t(`community.statuses.${s}`)}
              {s !== "all" && data ? <Badge count={data.counts[s]} showZero color="#bfbfbf" style={{ marginInlineStart: 6 }} data-testid={`community-count-${s}`} /> : null}
            </span>
          ),
        }))}
      />
      {canRecord ? <Button type="primary" onClick={() => setRecording(true)} data-testid="suggestion-new">{t("community.record")}</Button> : null}
    </Space>
  );

  let body;
  if (q.isPending) body = <LoadingBlock rows={8} />;
  else if (q.isError && !data) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  else if (data && data.items.length === 0) body = <Card><Empty description={t("community.empty")} data-testid="community-empty" /></Card>;
  else if (data) {
    body = (
      <>
        <Table<Suggestion>
          rowKey="id"
          dataSource={data.items}
          pagination={false}
          scroll={{ x: 900 }}
          data-testid="suggestions-table"
          onRow={(s) => ({ "data-testid": "suggestion-row", "data-id": s.id, "data-status": s.status } as React.HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t("community.received"), key: "at", width: 130, render: (_, s) => f.date(s.receivedAt) },
            { title: t("community.customer"), key: "customer", render: (_, s) => <Link to={`/customers/${s.customerId}`}>{s.customerName ?? t("common.unnamed")}</Link> },
            { title: t("community.suggestion"), key: "text", render: (_, s) => <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }} ellipsis={{ rows: 3, expandable: true }} data-testid="suggestion-text">{s.text}</Typography.Paragraph> },
            { title: t("community.channel"), key: "channel", render: (_, s) => t(`community.channels.${s.channel}`) },
            { title: t("common.status"), key: "status", render: (_, s) => <Tag color={STATUS_COLOR[s.status]} data-testid="suggestion-status">{t(`community.statuses.${s.status}`)}</Tag> },
            {
              title: t("community.reward"), key: "reward",
              render: (_, s) => (s.rewarded ? (
                <Space orientation="vertical" size={0} data-testid="suggestion-reward">
                  {s.rewardPoints !== null ? <span>{t("community.points", { n: f.number(s.rewardPoints) })}</span> : null}
                  {s.rewardNote ? <Typography.Text type="secondary">{s.rewardNote}</Typography.Text> : null}
                </Space>
              ) : "—"),
            },
            ...(canDecide ? [{
              title: t("common.actions"), key: "actions",
              render: (_: unknown, s: Suggestion) => <Button size="small" onClick={() => setDeciding(s)} data-testid="suggestion-decide">{s.status === "new" ? t("community.decide") : t("community.change")}</Button>,
            }] : []),
          ]}
        />
        <Flex justify="flex-end" gap={8} style={{ marginTop: 12 }}>
          <Button disabled={stack.length === 0} onClick={() => setStack(stack.slice(0, -1))} data-testid="page-prev">{t("common.prev")}</Button>
          <Button disabled={data.nextBeforeId === null} onClick={() => data.nextBeforeId !== null && setStack([...stack, data.nextBeforeId])} data-testid="page-next">{t("common.next")}</Button>
        </Flex>
      </>
    );
  }

  return (
    <div data-testid="community-page">
      <PageHeader title={t("nav.community")} extra={filters} />
      <Typography.Paragraph type="secondary">{t("community.intro")}</Typography.Paragraph>
      {q.isError && data ? <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline /> : null}
      <div data-testid="community-body" data-loading={q.isFetching ? "true" : "false"}>{body}</div>
      {recording ? <RecordSuggestionModal onClose={() => setRecording(false)} /> : null}
      {deciding ? <DecideModal s={deciding} onClose={() => setDeciding(null)} /> : null}
    </div>
  );
}
