import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, DatePicker, Form, Input, Modal, Segmented, Select, Table, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { errorText } from "../../../components/errorText";
import { useFormat } from "../../../i18n/useFormat";
import { inviteToSurvey, type Audience, type Invitation, type Survey } from "../api/surveys.api";

const TIERS = ["key", "secondary", "ordinary", "small"] as const;
type Kind = Audience["kind"];

/**
 * Invites customers to a survey: a value tier of the latest segment snapshot, the customers
 * who bought in some days, or customers by id. Each gets a link of their own, listed here to
 * copy into the message that carries it; a customer already holding an open link is skipped.
 */
export function InviteModal({ survey, onClose }: { survey: Survey; onClose: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>("tier");
  const [form] = Form.useForm<{ tier?: string; range?: [Dayjs, Dayjs]; ids?: string }>();
  const invite = useMutation({
    mutationFn: (a: Audience) => inviteToSurvey(survey.id, a),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["surveys"] }),
  });
  const failure = invite.error ? errorText(t, invite.error) : null;
  const done = invite.data;

  const submit = (v: { tier?: string; range?: [Dayjs, Dayjs]; ids?: string }) => {
    if (kind === "tier") invite.mutate({ kind, tier: v.tier! });
    else if (kind === "purchased") invite.mutate({ kind, from: v.range![0].format("YYYY-MM-DD"), to: v.range![1].format("YYYY-MM-DD") });
    else invite.mutate({ kind, customerIds: (v.ids ?? "").split(/[\s,,]+/).filter(Boolean).map(Number) });
  };

  return (
    <Modal
      open
      width={760}
      title={t("surveys.inviteTitle", { name: survey.name })}
      onCancel={onClose}
      okText={done ? t("surveys.done") : t("surveys.invite")}
      onOk={() => (done ? onClose() : form.submit())}
      confirmLoading={invite.isPending}
      okButtonProps={{ "data-testid": "survey-invite-submit" } as Record<string, string>}
      data-testid="survey-invite-modal"
    >
      {failure ? <Alert type="error" showIcon title={failure.title} description={failure.detail} style={{ marginBottom: 16 }} /> : null}
      {done ? (
        <>
          <Alert type="success" showIcon style={{ marginBottom: 16 }} data-testid="survey-invite-result"
            title={t("surveys.invitedResult", { invited: f.number(done.invited.length), skipped: f.number(done.skipped) })} description={t("surveys.invitedHelp")} />
          <Table<Invitation>
            size="small"
            rowKey="invitationId"
            dataSource={done.invited}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t("surveys.customer"), dataIndex: "customerId", render: (id: number) => <Link to={`/customers/${id}`}>#{id}</Link> },
              { title: t("surveys.link"), dataIndex: "url", render: (url: string) => <Typography.Text copyable={{ text: url }} ellipsis style={{ maxWidth: 420 }}>{url}</Typography.Text> },
              { title: t("surveys.expires"), dataIndex: "expiresAt", render: (d: string) => f.date(d.slice(0, 10)) },
            ]}
          />
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item label={t("surveys.audience")}>
            <Segmented<Kind> value={kind} onChange={setKind} options={(["tier", "purchased", "customers"] as const).map((k) => ({ value: k, label: t(`surveys.audiences.${k}`) }))} data-testid="survey-invite-kind" />
          </Form.Item>
          {kind === "tier" ? (
            <Form.Item name="tier" label={t("surveys.audiences.tier")} rules={[{ required: true, message: t("surveys.fieldRequired") }]} extra={t("surveys.tierHelp")}>
              <Select options={TIERS.map((k) => ({ value: k, label: t(`value.tiers.${k}`) }))} data-testid="survey-invite-tier" />
            </Form.Item>
          ) : null}
          {kind === "purchased" ? (
            <Form.Item name="range" label={t("surveys.audiences.purchased")} rules={[{ required: true, message: t("surveys.fieldRequired") }]}>
              <DatePicker.RangePicker />
            </Form.Item>
          ) : null}
          {kind === "customers" ? (
            <Form.Item name="ids" label={t("surveys.customerIds")} rules={[{ required: true, pattern: /^[\d\s,,]+$/, message: t("surveys.customerIdsRule") }]}>
              <Input.TextArea autoSize placeholder="101, 102, 103" data-testid="survey-invite-ids" />
            </Form.Item>
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
