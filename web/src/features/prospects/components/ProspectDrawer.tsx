import { Alert, Button, Checkbox, Descriptions, Drawer, Flex, Form, Input, Modal, Result, Segmented, Select, Space, Tag, Typography, type ButtonProps } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import {
  BUYING_SIGNALS, LEAD_SOURCES, PERSUASION_TYPES, PROSPECT_STATES, type BuyingSignal, type LeadSource, type PersuasionType, type Prospect, type ProspectState,
} from "../api/prospects.api";
import { useProspect, useProspectMutations } from "../hooks/useProspects";
import { LookAlike, Readiness } from "./bits";

interface Values {
  state: ProspectState;
  leadSource: LeadSource | null;
  signals: BuyingSignal[];
  persuasionType: PersuasionType | null;
  persuasionNote: string;
}

/**
 * Working on one prospect: the buying-signals checklist (readiness follows the ticks), the
 * customer type with the seed's persuasion guidance for it and the rep's own note, moving it
 * from potential to target, and converting it into a customer after a confirmation.
 */
export function ProspectDrawer({ id, editable, onClose }: { id: number; editable: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useProspect(id);
  const p = q.data;
  let body;
  if (q.isPending) body = <LoadingBlock rows={10} />;
  else if (q.isError) body = <ErrorResult error={q.error} onRetry={() => void q.refetch()} inline />;
  else body = <Work p={p!} editable={editable} />;
  return (
    <Drawer open onClose={onClose} size={560} title={p ? (p.name ?? t("common.unnamed")) : t("prospects.open")} data-testid="prospect-drawer">
      {body}
    </Drawer>
  );
}

function Work({ p, editable }: { p: Prospect; editable: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { update } = useProspectMutations();
  const [form] = Form.useForm<Values>();
  const [converting, setConverting] = useState(false);
  const isProspect = (PROSPECT_STATES as readonly string[]).includes(p.state);
  const initial: Values = {
    state: (isProspect ? p.state : "target") as ProspectState, leadSource: p.leadSource, signals: p.signals,
    persuasionType: p.persuasionType, persuasionNote: p.persuasionNote ?? "",
  };
  useEffect(() => form.setFieldsValue(initial), [p.updatedAt]);
  const signals = Form.useWatch("signals", form) ?? p.signals;
  const type = Form.useWatch("persuasionType", form) ?? null;
  const readonly = !editable || !isProspect;

  const save = (v: Values) =>
    update.mutate({ id: p.id, body: { state: v.state, leadSource: v.leadSource, signals: v.signals, persuasionType: v.persuasionType, persuasionNote: v.persuasionNote.trim() || null } });

  return (
    <>
      {!isProspect ? (
        <Result
          status="success"
          title={t("prospects.convertedTitle")}
          subTitle={p.convertedAt ? t("prospects.convertedOn", { date: f.dateTime(p.convertedAt) }) : t(`states.${p.state as ProspectState}`)}
          extra={<Link to={`/customers/${p.id}`} data-testid="prospect-converted-open">{t("prospects.openCustomer")}</Link>}
          data-testid="prospect-converted"
        />
      ) : null}
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("prospects.customer")}>
          <Link to={`/customers/${p.id}`}>{p.externalId ?? `#${p.id}`}</Link>
          {p.phone ? <Typography.Text type="secondary"> · {p.phone}</Typography.Text> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t("prospects.owner")}>{p.owner?.name ?? "—"}</Descriptions.Item>
        {p.referredBy ? <Descriptions.Item label={t("prospects.referrer")}><Link to={`/customers/${p.referredBy.id}`}>{p.referredBy.name ?? `#${p.referredBy.id}`}</Link></Descriptions.Item> : null}
        <Descriptions.Item label={t("prospects.lookAlike")}><LookAlike p={p} /></Descriptions.Item>
        <Descriptions.Item label={t("prospects.readiness")}><div style={{ width: 220 }}><Readiness p={{ readiness: new Set(signals).size / BUYING_SIGNALS.length, signals }} /></div></Descriptions.Item>
      </Descriptions>
      <FormError error={update.error} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save} disabled={readonly} data-testid="prospect-form">
        <Form.Item name="state" label={t("prospects.state")}>
          <Segmented<ProspectState> options={PROSPECT_STATES.map((s) => ({ value: s, label: <span data-testid={`prospect-move-${s}`}>{t(`states.${s}`)}</span> }))} />
        </Form.Item>
        <Form.Item name="leadSource" label={t("prospects.leadSource")}>
          <Select<LeadSource> allowClear options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`prospects.sources.${s}`) }))} data-testid="prospect-source" />
        </Form.Item>
        <Form.Item name="signals" label={t("prospects.signalsChecklist")} extra={t("prospects.signalsHelp")}>
          <Checkbox.Group style={{ display: "flex", flexDirection: "column", gap: 6 }} data-testid="prospect-signals">
            {BUYING_SIGNALS.map((s) => (
              <Checkbox key={s} value={s} data-testid={`prospect-signal-${s}`}>{t(`prospects.signalLabels.${s}`)}</Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        <Form.Item name="persuasionType" label={t("prospects.persuasionType")}>
          <Select<PersuasionType> allowClear options={PERSUASION_TYPES.map((s) => ({ value: s, label: t(`prospects.types.${s}.name`) }))} data-testid="prospect-type" />
        </Form.Item>
        {type ? <Alert type="info" showIcon title={t(`prospects.types.${type}.name`)} description={t(`prospects.types.${type}.guidance`)} style={{ marginBottom: 16 }} data-testid="prospect-guidance" /> : null}
        <Alert type="success" title={t("prospects.general.title")} description={t("prospects.general.text")} style={{ marginBottom: 16 }} />
        <Form.Item name="persuasionNote" label={t("prospects.note")}>
          <Input.TextArea rows={3} maxLength={2000} showCount data-testid="prospect-note" />
        </Form.Item>
        {readonly ? null : (
          <Flex justify="space-between">
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="prospect-save">{t("common.save")}</Button>
            <Button onClick={() => setConverting(true)} data-testid="prospect-convert">{t("prospects.convert")}</Button>
          </Flex>
        )}
        {update.isSuccess && !update.isPending ? <Typography.Text type="success" data-testid="prospect-saved">{t("common.saved")}</Typography.Text> : null}
      </Form>
      {converting ? <ConvertModal p={p} onClose={() => setConverting(false)} /> : null}
    </>
  );
}

function ConvertModal({ p, onClose }: { p: Prospect; onClose: () => void }) {
  const { t } = useTranslation();
  const { convert } = useProspectMutations();
  const [reason, setReason] = useState("");
  return (
    <Modal
      open
      title={t("prospects.convertTitle", { name: p.name ?? t("common.unnamed") })}
      okText={t("prospects.convert")}
      confirmLoading={convert.isPending}
      okButtonProps={{ "data-testid": "prospect-convert-ok" } as ButtonProps}
      onOk={() => convert.mutate({ id: p.id, reason: reason.trim() }, { onSuccess: onClose })}
      onCancel={onClose}
      data-testid="prospect-convert-modal"
    >
      <FormError error={convert.error} />
      <Space orientation="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph>{t("prospects.convertText")}</Typography.Paragraph>
        <Tag>{t(`states.${p.state as ProspectState}`)} → {t("states.current")}</Tag>
        <Input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder={t("prospects.convertReason")} data-testid="prospect-convert-reason" />
      </Space>
    </Modal>
  );
}
