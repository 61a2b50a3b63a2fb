import { Alert, Form, Input, InputNumber, Modal, Radio, Typography, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import type { Decision, Suggestion } from "../api/community.api";
import { useSuggestionMutations } from "../hooks/useSuggestions";

interface Values {
  status: Decision;
  rewardPoints?: number | null;
  rewardNote?: string;
}

/**
 * Decides on a suggestion and rewards it once: membership points for a member (entered in
 * the points ledger) and/or a note of what was given. A non-member can get the note only.
 */
export function DecideModal({ s, onClose }: { s: Suggestion; onClose: () => void }) {
  const { t } = useTranslation();
  const { decide } = useSuggestionMutations();
  const [form] = Form.useForm<Values>();
  const status = Form.useWatch("status", form) ?? (s.status === "new" ? "accepted" : s.status);
  const canReward = !s.rewarded && status !== "declined";
  const submit = (v: Values) =>
    decide.mutate({
      id: s.id,
      body: { status: v.status, rewardPoints: canReward && v.rewardPoints ? v.rewardPoints : undefined, rewardNote: canReward ? v.rewardNote?.trim() || undefined : undefined },
    }, { onSuccess: onClose });
  return (
    <Modal
      open
      title={t("community.decideTitle", { name: s.customerName ?? t("common.unnamed") })}
      okText={t("common.save")}
      onOk={() => form.submit()}
      confirmLoading={decide.isPending}
      okButtonProps={{ "data-testid": "decision-submit" } as ButtonProps}
      onCancel={onClose}
      data-testid="decision-form"
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: "pre-wrap" }}>{s.text}</Typography.Paragraph>
      <FormError error={decide.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ status: s.status === "new" ? "accepted" : s.status }} onFinish={submit}>
        <Form.Item name="status" label={t("community.decision")}>
          <Radio.Group data-testid="decision-status">
            {(["accepted", "implemented", "declined"] as const).map((d) => (
              <Radio.Button key={d} value={d} disabled={d === "declined" && s.rewarded}><span data-testid={`decision-${d}`}>{t(`community.statuses.${d}`)}</span></Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {s.rewarded ? (
          <Alert type="info" showIcon title={t("community.alreadyRewarded")} data-testid="decision-rewarded" />
        ) : canReward ? (
          <>
            {s.member ? null : <Alert type="warning" showIcon title={t("community.notMember")} style={{ marginBottom: 12 }} data-testid="decision-not-member" />}
            <Form.Item name="rewardPoints" label={t("community.rewardPoints")} extra={s.member ? t("community.rewardPointsHelp") : undefined}>
              <InputNumber<number> min={1} max={100000} precision={0} disabled={!s.member} style={{ width: 200 }} data-testid="decision-points" />
            </Form.Item>
            <Form.Item name="rewardNote" label={t("community.rewardNote")}>
              <Input maxLength={500} placeholder={t("community.rewardNotePlaceholder")} data-testid="decision-note" />
            </Form.Item>
            <Typography.Text type="secondary">{t("community.onceOnly")}</Typography.Text>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
