import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, DatePicker, Flex, Form, Input, Radio, Select, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import {
  COMPENSATION_KINDS, FINDINGS, FOLLOW_UP_OUTCOMES, JUDGEMENTS, REJECTION_GROUNDS, type ComplaintDetail, type EventType,
} from "../api/complaints.api";
import { useSettings } from "../../settings/hooks/useSettings";
import { MONEY } from "../toEvent";
import { wallOf, zonedInstant } from "../zonedTime";

const fromWall = ([y, mo, d, h, mi]: [number, number, number, number, number]) => dayjs(new Date(y, mo - 1, d, h, mi));

/** Fields for one kind of recovery event; the domain's rules (src/domain/complaints/validate.ts) checked before sending. */
export function ActionFields({ type, d, limit }: { type: EventType; d: ComplaintDetail; limit: string | null | undefined }) {
  const { t } = useTranslation();
  const f = useFormat();
  const timeZone = useSettings().data?.timezone;
  const required = { required: true, message: t("validation.required") };
  const text = { required: true, whitespace: true, message: t("validation.required") };
  const money = [required, { pattern: MONEY, message: t("complaints.fields.moneyFormat") }];
  const reason = (
    <Form.Item name="reason" label={t("complaints.fields.reason")} rules={[text]}>
      <Input.TextArea rows={3} data-testid="complaint-field-reason" />
    </Form.Item>
  );
  const round = d.recovery?.rounds.at(-1);
  const proposal = round?.proposals.at(-1);

  switch (type) {
    case "apologised":
      return (
        <Form.Item name="text" label={t("complaints.fields.text")} extra={t("complaints.help.apologised")} rules={[text]}>
          <Input.TextArea rows={3} data-testid="complaint-field-text" />
        </Form.Item>
      );
    case "heard":
      return (
        <>
          <Form.Item name="account" label={t("complaints.fields.account")} extra={t("complaints.help.heard")} rules={[text]}>
            <Input.TextArea rows={3} data-testid="complaint-field-account" />
          </Form.Item>
          <Form.List
            name="openQuestions"
            rules={[{ validator: async (_, qs?: string[]) => ((qs ?? []).some((q) => q?.trim()) ? undefined : Promise.reject(new Error(t("complaints.help.oneQuestion")))) }]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label={t("complaints.fields.openQuestions")}>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item name={field.name} style={{ flex: 1 }}>
                      <Input data-testid={`complaint-field-question-${i}`} />
                    </Form.Item>
                    {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t("common.delete")} /> : null}
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add("")} data-testid="complaint-field-question-add">
                  {t("complaints.fields.addQuestion")}
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        </>
      );
    case "fix_proposed":
      return (
        <>
          <Form.Item name="finding" label={t("complaints.fields.finding")} extra={t("complaints.help.finding")} rules={[required]}>
            <Select options={FINDINGS.map((x) => ({ value: x, label: t(`complaints.findings.${x}`) }))} data-testid="complaint-field-finding" />
          </Form.Item>
          <Form.Item name="demand" label={t("complaints.fields.demand")} rules={[required]}>
            <Radio.Group options={JUDGEMENTS.map((x) => ({ value: x, label: <span data-testid={`complaint-field-demand-${x}`}>{t(`complaints.judgements.${x}`)}</span> }))} />
          </Form.Item>
          <Form.Item name="demandReason" label={t("complaints.fields.demandReason")} rules={[text]}>
            <Input.TextArea rows={2} data-testid="complaint-field-demand-reason" />
          </Form.Item>
          <Form.Item name="fix" label={t("complaints.fields.fix")} rules={[text]}>
            <Input.TextArea rows={3} data-testid="complaint-field-fix" />
          </Form.Item>
          <Form.Item
            name="compensation"
            label={t("complaints.fields.compensation")}
            extra={limit === undefined ? undefined : limit === null ? t("complaints.help.noLimit") : t("complaints.help.limit", { limit: f.money(limit) })}
            rules={money}
          >
            <Input inputMode="decimal" placeholder="0.00" data-testid="complaint-field-compensation" />
          </Form.Item>
        </>
      );
    case "fix_approved":
    case "fix_rejected":
      return (
        <>
          {proposal ? (
            <Alert
              type="info"
              style={{ marginBottom: 16 }}
              title={t("complaints.help.proposal", { amount: f.money(proposal.compensation) })}
              description={<Typography.Text style={{ whiteSpace: "pre-wrap" }}>{proposal.fix}</Typography.Text>}
            />
          ) : null}
          {type === "fix_rejected" ? reason : null}
        </>
      );
    case "compensation_given":
      return (
        <Form.List
          name="items"
          rules={[{ validator: async (_, items?: unknown[]) => ((items ?? []).length ? undefined : Promise.reject(new Error(t("complaints.help.oneItem")))) }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t("complaints.fields.items")} extra={proposal ? t("complaints.help.authorised", { amount: f.money(proposal.compensation) }) : undefined}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="baseline" wrap>
                  <Form.Item name={[field.name, "kind"]} rules={[required]} style={{ width: 140 }}>
                    <Select placeholder={t("complaints.fields.kind")} options={COMPENSATION_KINDS.map((k) => ({ value: k, label: t(`complaints.kinds.${k}`) }))} data-testid={`complaint-field-item-kind-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "cost"]} rules={money} style={{ width: 120 }}>
                    <Input inputMode="decimal" placeholder={t("complaints.fields.cost")} data-testid={`complaint-field-item-cost-${i}`} />
                  </Form.Item>
                  <Form.Item name={[field.name, "note"]} style={{ flex: 1, minWidth: 120 }}>
                    <Input placeholder={t("complaints.fields.note")} data-testid={`complaint-field-item-note-${i}`} />
                  </Form.Item>
                  {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t("common.delete")} /> : null}
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} data-testid="complaint-field-item-add">
                {t("complaints.fields.addItem")}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
      );
    case "promise_made":
      return (
        <>
          <Form.Item name="promise" label={t("complaints.fields.promise")} extra={t("complaints.help.promise")} rules={[text]}>
            <Input.TextArea rows={2} data-testid="complaint-field-promise" />
          </Form.Item>
          <Form.Item
            name="dueAt"
            label={t("complaints.fields.dueAt")}
            rules={[required]}
            extra={timeZone ? t("complaints.help.timeZone", { zone: timeZone }) : undefined}
            getValueProps={(v?: string) => ({ value: v ? fromWall(wallOf(v, timeZone)) : undefined })}
            normalize={(v: Dayjs | null) => (v ? zonedInstant([v.year(), v.month() + 1, v.date(), v.hour(), v.minute()], timeZone) : undefined)}
          >
            <DatePicker needConfirm={false} showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" disabledDate={(day) => day.isBefore(dayjs(), "day")} data-testid="complaint-field-due" />
          </Form.Item>
        </>
      );
    case "followed_up":
      return (
        <>
          <Form.Item name="outcome" label={t("complaints.fields.outcome")} extra={t("complaints.help.followUp")} rules={[required]}>
            <Radio.Group options={FOLLOW_UP_OUTCOMES.map((x) => ({ value: x, label: <span data-testid={`complaint-field-outcome-${x}`}>{t(`complaints.outcomes.${x}`)}</span> }))} />
          </Form.Item>
          <Form.Item name="note" label={t("complaints.fields.note")}>
            <Input.TextArea rows={2} data-testid="complaint-field-note" />
          </Form.Item>
        </>
      );
    case "rejected":
      return (
        <>
          <Form.Item name="ground" label={t("complaints.fields.ground")} rules={[required]}>
            <Radio.Group options={REJECTION_GROUNDS.map((x) => ({ value: x, label: <span data-testid={`complaint-field-ground-${x}`}>{t(`complaints.grounds.${x}`)}</span> }))} />
          </Form.Item>
          {reason}
        </>
      );
    case "promise_kept":
      return round?.promise ? <Typography.Paragraph>{t("complaints.help.promiseKept", { promise: round.promise.promise, date: f.dateTime(round.promise.dueAt) })}</Typography.Paragraph> : null;
    case "promise_broken":
    case "withdrawn":
    case "paused":
      return reason;
    case "resumed":
      return <Typography.Paragraph>{t("complaints.help.resumed")}</Typography.Paragraph>;
  }
}
