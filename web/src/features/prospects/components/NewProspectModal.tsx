import { Form, Input, Modal, Select, type ButtonProps } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { CustomerPicker } from "../../complaints/components/CustomerPicker";
import { LEAD_SOURCES, PROSPECT_STATES, type LeadSource, type NewProspect, type Prospect, type ProspectState } from "../api/prospects.api";
import { useProspectMutations } from "../hooks/useProspects";

interface Values {
  name: string;
  state: ProspectState;
  kind: "individual" | "enterprise";
  phone?: string;
  email?: string;
  leadSource?: LeadSource;
  referredBy?: number;
}

/** A new prospect: who, potential or target, and where the lead came from (the referrer for a referral). */
export function NewProspectModal({ onClose, onCreated }: { onClose: () => void; onCreated: (p: Prospect) => void }) {
  const { t } = useTranslation();
  const { create } = useProspectMutations();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch("leadSource", form);
  const submit = (v: Values) => {
    const body: NewProspect = {
      name: v.name.trim(), state: v.state, kind: v.kind, phone: v.phone?.trim() || undefined, email: v.email?.trim() || undefined,
      leadSource: v.leadSource ?? null, referredBy: v.leadSource === "referral" ? (v.referredBy ?? null) : undefined,
    };
    create.mutate(body, { onSuccess: onCreated });
  };
  return (
    <Modal
      open
      title={t("prospects.new")}
      okText={t("common.create")}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ "data-testid": "prospect-create-submit" } as ButtonProps}
      onCancel={onClose}
      data-testid="prospect-create"
    >
      <FormError error={create.error} />
      <Form<Values> form={form} layout="vertical" initialValues={{ state: "potential", kind: "individual" }} onFinish={submit}>
        <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("prospects.nameRequired") }]}>
          <Input maxLength={200} data-testid="prospect-create-name" />
        </Form.Item>
        <Form.Item name="state" label={t("prospects.state")}>
          <Select<ProspectState> options={PROSPECT_STATES.map((s) => ({ value: s, label: t(`states.${s}`) }))} data-testid="prospect-create-state" />
        </Form.Item>
        <Form.Item name="kind" label={t("prospects.kind")}>
          <Select options={(["individual", "enterprise"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t("common.phone")}>
          <Input maxLength={40} data-testid="prospect-create-phone" />
        </Form.Item>
        <Form.Item name="email" label={t("common.email")}>
          <Input maxLength={320} />
        </Form.Item>
        <Form.Item name="leadSource" label={t("prospects.leadSource")}>
          <Select<LeadSource> allowClear options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`prospects.sources.${s}`) }))} data-testid="prospect-create-source" />
        </Form.Item>
        {source === "referral" ? (
          <Form.Item name="referredBy" label={t("prospects.referrer")}>
            <CustomerPicker />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
