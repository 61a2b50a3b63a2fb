import { Button, Card, Col, Empty, Form, Input, InputNumber, Modal, Row, Statistic, Table, Tag, Timeline, Typography, type ButtonProps } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import type { CustomerMembership, EntryKind } from "../api/membership.api";
import { useCustomerMembership, useRecordPoints } from "../hooks/useMembership";

const KIND_COLOR: Record<EntryKind, string> = { earn: "green", return: "orange", redeem: "blue", adjust: "purple", expire: "default" };

/**
 * The customer 360's membership card: level and since when, points balance, the points that
 * expire next, and the ledger and level history (docs/membership.md). Staff who may change
 * the customer redeem or adjust points here.
 */
export function MembershipCard({ customerId, editable }: { customerId: number; editable: boolean }) {
  const { t } = useTranslation();
  const q = useCustomerMembership(customerId);
  const [action, setAction] = useState<"redeem" | "adjust" | null>(null);
  const m = q.data;

  let body: ReactNode;
  if (q.isPending) body = <LoadingBlock rows={3} />;
  else if (q.isError) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else if (!m!.standing) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("membership.card.empty")} data-testid="membership-card-empty" />;
  else body = <Standing m={m!} />;

  return (
    <Card
      title={t("membership.card.title")}
      style={{ marginBottom: 16 }}
      data-testid="membership-card"
      extra={
        editable && m?.standing ? (
          <>
            <Button size="small" onClick={() => setAction("redeem")} data-testid="membership-redeem" style={{ marginRight: 8 }}>{t("membership.card.redeem")}</Button>
            <Button size="small" onClick={() => setAction("adjust")} data-testid="membership-adjust">{t("membership.card.adjust")}</Button>
          </>
        ) : null
      }
    >
      {body}
      {action ? <PointsModal customerId={customerId} kind={action} balance={m?.standing?.balance ?? 0} onClose={() => setAction(null)} /> : null}
    </Card>
  );
}

function Standing({ m }: { m: CustomerMembership }) {
  const { t } = useTranslation();
  const f = useFormat();
  const s = m.standing!;
  const name = (key: string | null) => (key === null ? "—" : (m.levelNames[key] ?? key));
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t("membership.card.level")} value={m.levelName ?? t("membership.nonMember")} data-testid="membership-level" />
          {s.levelSince ? <Typography.Text type="secondary">{t("membership.card.since", { date: f.date(s.levelSince) })}</Typography.Text> : null}
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("membership.card.balance")} value={f.number(s.balance)} data-testid="membership-balance" valueStyle={s.balance < 0 ? { color: "#cf1322" } : undefined} />
          <Typography.Text type="secondary">{t("membership.card.asOf", { date: f.date(s.asOf) })}</Typography.Text>
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("membership.card.expiring")} value={s.expiringOn ? f.number(s.expiringPoints) : "—"} data-testid="membership-expiring" />
          {s.expiringOn ? <Typography.Text type="secondary">{t("membership.card.expiresOn", { date: f.date(s.expiringOn) })}</Typography.Text> : null}
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t("membership.card.value")} value={s.value} />
          {s.nextReview ? <Typography.Text type="secondary">{t("membership.card.nextReview", { date: f.date(s.nextReview) })}</Typography.Text> : null}
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t("membership.card.totals", { earned: f.number(s.earned), returned: f.number(s.returned), redeemed: f.number(s.redeemed), expired: f.number(s.expired), adjusted: f.number(s.adjusted) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Table
            size="small"
            rowKey="no"
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            dataSource={m.entries}
            data-testid="membership-ledger"
            columns={[
              { title: t("membership.card.date"), dataIndex: "date", render: (d: string) => f.date(d) },
              { title: t("membership.card.kind"), dataIndex: "kind", render: (k: EntryKind) => <Tag color={KIND_COLOR[k]}>{t(`membership.kinds.${k}`)}</Tag> },
              { title: t("membership.card.points"), dataIndex: "points", align: "right", render: (p: number) => (p > 0 ? `+${f.number(p)}` : f.number(p)) },
              { title: t("membership.card.balance"), dataIndex: "balance", align: "right", render: (b: number) => f.number(b) },
              { title: t("membership.card.reason"), dataIndex: "reason", render: (r: string | null) => r ?? "" },
            ]}
          />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Title level={5}>{t("membership.card.history")}</Typography.Title>
          <Timeline
            data-testid="membership-levels"
            items={m.levels.map((c) => ({
              key: c.no,
              color: c.kind === "downgrade" ? "orange" : "green",
              content: t(`membership.changes.${c.kind}`, { date: f.date(c.date), from: c.fromName ?? name(c.from), to: c.toName ?? name(c.to), value: c.value }),
            }))}
          />
        </Col>
      </Row>
    </>
  );
}

function PointsModal({ customerId, kind, balance, onClose }: { customerId: number; kind: "redeem" | "adjust"; balance: number; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordPoints(customerId);
  const [form] = Form.useForm<{ points: number; reason: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    await record.mutateAsync({ kind, points: v.points, reason: v.reason });
    onClose();
  };
  return (
    <Modal open title={t(kind === "redeem" ? "membership.card.redeemTitle" : "membership.card.adjustTitle")} onOk={() => void submit().catch(() => undefined)} onCancel={onClose} confirmLoading={record.isPending} okButtonProps={{ "data-testid": "membership-points-ok" } as ButtonProps}>
      <FormError error={record.error} />
      <Typography.Paragraph type="secondary">{t(kind === "redeem" ? "membership.card.redeemHelp" : "membership.card.adjustHelp", { balance })}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="points" label={t("membership.card.points")} rules={[{ required: true, message: t("membership.card.pointsRequired") }]}>
          <InputNumber precision={0} min={kind === "redeem" ? 1 : undefined} style={{ width: "100%" }} data-testid="membership-points" />
        </Form.Item>
        <Form.Item name="reason" label={t("membership.card.reason")} rules={[{ required: true, whitespace: true, message: t("membership.card.reasonRequired") }]}>
          <Input maxLength={500} data-testid="membership-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
