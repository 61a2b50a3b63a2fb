import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { CONTACT_TYPES, updatePlan, type Cap, type Plan, type PlanInput, type PlanTier } from "../api/plans.api";
import { EmailDelivery } from "./EmailDelivery";
import { Help } from "./Help";
import { quarterLabel, quarterStarts } from "./plan-format";

/** Sum of decimal shares in millionths, so "0.14 + 0.34 + 0.52" shows as exactly 100%. */
const sumShares = (xs: string[]) => xs.reduce((s, x) => s + Math.round(Number(x) * 1e6), 0);

/**
 * A draft plan's editor: quarter, budget, control group, and per tier its share of the
 * customers and of the budget, contacts per quarter and kinds of contact; the frequency caps;
 * which kinds of message go out as e-mail, and their templates.
 * The server checks the whole plan on save and names the field it refuses.
 */
export function PlanEditor({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [p, setP] = useState<PlanInput>({
    name: plan.name, quarterStart: plan.quarterStart, budget: plan.budget, tiers: plan.tiers, caps: plan.caps, controlShare: plan.controlShare, emails: plan.emails,
  });
  const save = useMutation({
    mutationFn: () => updatePlan(plan.id, p),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["plan", plan.id] }),
  });
  const setTier = (i: number, change: Partial<PlanTier>) => setP({ ...p, tiers: p.tiers.map((x, j) => (j === i ? { ...x, ...change } : x)) });
  const setCap = (i: number, change: Partial<Cap>) => setP({ ...p, caps: p.caps.map((x, j) => (j === i ? { ...x, ...change } : x)) });
  const customerSum = sumShares(p.tiers.map((x) => x.customerShare));
  const budgetSum = sumShares(p.tiers.map((x) => x.budgetShare));
  const sumText = (s: number) => <Typography.Text type={s === 1e6 ? "success" : "danger"}>{(s / 1e4).toFixed(2)}%</Typography.Text>;
  const quarters = [...new Set([...quarterStarts(new Date().toISOString().slice(0, 10)), p.quarterStart])].sort();

  return (
    <Card title={t("plans.editor.title")} data-testid="plan-editor">
      <FormError error={save.error} />
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={8}><Form.Item label={t("plans.name")}><Input value={p.name} onChange={(e) => setP({ ...p, name: e.target.value })} data-testid="plan-name" /></Form.Item></Col>
          <Col xs={12} md={5}>
            <Form.Item label={t("plans.quarter")}>
              <Select value={p.quarterStart} onChange={(v) => setP({ ...p, quarterStart: v })} options={quarters.map((q) => ({ value: q, label: quarterLabel(q) }))} data-testid="plan-quarter" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}><Form.Item label={t("plans.budget")}><Input value={p.budget} onChange={(e) => setP({ ...p, budget: e.target.value.trim() })} inputMode="decimal" data-testid="plan-budget" /></Form.Item></Col>
          <Col xs={12} md={5}>
            <Form.Item label={<Help title={t("plans.controlShare")} help={t("plans.help.controlShare")} testId="plan-help-controlShare" />}>
              <Input value={p.controlShare} onChange={(e) => setP({ ...p, controlShare: e.target.value.trim() })} inputMode="decimal" data-testid="plan-control-share" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Typography.Title level={5}>{t("plans.editor.tiers")}</Typography.Title>
      <Space direction="vertical" style={{ width: "100%" }} size={12}>
        {p.tiers.map((tier, i) => (
          <Card size="small" key={i} data-testid={`plan-tier-${i}`}>
            <Row gutter={12} align="bottom">
              <Col xs={12} md={4}><Typography.Text type="secondary">{t("plans.editor.key")}</Typography.Text><Input value={tier.key} onChange={(e) => setTier(i, { key: e.target.value })} data-testid={`plan-tier-${i}-key`} /></Col>
              <Col xs={12} md={5}><Typography.Text type="secondary">{t("plans.editor.label")}</Typography.Text><Input value={tier.label ?? ""} onChange={(e) => setTier(i, { label: e.target.value || null })} data-testid={`plan-tier-${i}-label`} /></Col>
              <Col xs={8} md={4}><Typography.Text type="secondary">{t("plans.col.customerShare")}</Typography.Text><Input value={tier.customerShare} onChange={(e) => setTier(i, { customerShare: e.target.value.trim() })} inputMode="decimal" data-testid={`plan-tier-${i}-customerShare`} /></Col>
              <Col xs={8} md={4}><Typography.Text type="secondary">{t("plans.col.budgetShare")}</Typography.Text><Input value={tier.budgetShare} onChange={(e) => setTier(i, { budgetShare: e.target.value.trim() })} inputMode="decimal" data-testid={`plan-tier-${i}-budgetShare`} /></Col>
              <Col xs={8} md={4}><Typography.Text type="secondary">{t("plans.col.contacts")}</Typography.Text><InputNumber min={0} max={90} precision={0} value={tier.contactsPerQuarter} onChange={(v) => setTier(i, { contactsPerQuarter: v ?? 0 })} style={{ width: "100%" }} data-testid={`plan-tier-${i}-contacts`} /></Col>
              <Col xs={24} md={3} style={{ textAlign: "right" }}>
                <Button icon={<DeleteOutlined />} disabled={p.tiers.length === 1} onClick={() => setP({ ...p, tiers: p.tiers.filter((_, j) => j !== i) })} aria-label={t("plans.editor.removeTier")} data-testid={`plan-tier-${i}-remove`} />
              </Col>
            </Row>
            <Checkbox.Group
              style={{ marginTop: 8 }}
              value={tier.contactTypes}
              onChange={(v) => setTier(i, { contactTypes: CONTACT_TYPES.filter((c) => v.includes(c)) })}
              options={CONTACT_TYPES.map((c) => ({ value: c, label: t(`plans.contactType.${c}`) }))}
              data-testid={`plan-tier-${i}-types`}
            />
          </Card>
        ))}
        <Space wrap>
          <Button icon={<PlusOutlined />} onClick={() => setP({ ...p, tiers: [...p.tiers, { key: `tier${p.tiers.length + 1}`, label: null, customerShare: "0", budgetShare: "0", contactsPerQuarter: 1, contactTypes: ["call"] }] })} data-testid="plan-tier-add">
            {t("plans.editor.addTier")}
          </Button>
          <span data-testid="plan-customer-sum">{t("plans.editor.customerSum")} {sumText(customerSum)}</span>
          <span data-testid="plan-budget-sum">{t("plans.editor.budgetSum")} {sumText(budgetSum)}</span>
        </Space>
      </Space>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        <Help title={t("plans.editor.caps")} help={t("plans.help.caps")} testId="plan-help-caps" />
      </Typography.Title>
      <Space direction="vertical">
        {p.caps.map((c, i) => (
          <Space key={i} data-testid={`plan-cap-${i}`}>
            {t("plans.editor.capAtMost")}
            <InputNumber min={0} max={90} precision={0} value={c.max} onChange={(v) => setCap(i, { max: v ?? 0 })} data-testid={`plan-cap-${i}-max`} />
            {t("plans.editor.capIn")}
            <InputNumber min={1} max={366} precision={0} value={c.windowDays} onChange={(v) => setCap(i, { windowDays: v ?? 1 })} data-testid={`plan-cap-${i}-days`} />
            {t("plans.editor.capDays")}
            <Button icon={<DeleteOutlined />} onClick={() => setP({ ...p, caps: p.caps.filter((_, j) => j !== i) })} aria-label={t("plans.editor.removeCap")} />
          </Space>
        ))}
        <Button icon={<PlusOutlined />} onClick={() => setP({ ...p, caps: [...p.caps, { max: 1, windowDays: 30 }] })} data-testid="plan-cap-add">{t("plans.editor.addCap")}</Button>
      </Space>
      <EmailDelivery emails={p.emails} used={[...new Set(p.tiers.flatMap((x) => x.contactTypes))]} onChange={(emails) => setP({ ...p, emails })} />
      <div style={{ marginTop: 16 }}>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="plan-save">{t("common.save")}</Button>
      </div>
    </Card>
  );
}
