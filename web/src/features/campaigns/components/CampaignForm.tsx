import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, List, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ApiError } from "../../../api/client";
import { ErrorResult } from "../../../components/ErrorResult";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import { useDebounced } from "../../../lib/useDebounced";
import {
  checkTemplate, createCampaign, CUSTOMER_STATES, fetchMergeFields, LOYALTY, previewAudience, RFM8, startCampaign, STRATA, TIERS, updateCampaign,
  type Audience, type Campaign, type CampaignInput, type CustomerStateCode, type Stratum, type Tier,
} from "../api/campaigns.api";
import { AudienceCustomers } from "./AudienceCustomers";

const BLANK: CampaignInput = {
  name: "", kind: "winback", channel: "email", subject: "", body: "", audience: { kind: "winback" },
  holdoutShare: 0.1, costPerContact: "0", cost: "0", measureDays: 90,
};

const inputOf = (c: Campaign): CampaignInput => ({
  name: c.name, kind: c.kind === "plan" ? "adhoc" : c.kind, channel: c.channel === "task" ? "task" : "email", subject: c.subject ?? "", body: c.body,
  audience: c.audience, holdoutShare: c.holdoutShare, seed: c.seed, costPerContact: c.costPerContact, cost: c.cost, measureDays: c.measureDays,
});

/**
 * A draft campaign: its template (with the merge fields to insert and what the check finds
 * wrong), its audience with the count per tier, the control group and the cost. A template
 * with problems cannot start; the server checks again.
 */
export function CampaignForm({ campaign }: { campaign: Campaign | null }) {
  const { t } = useTranslation();
  const f = useFormat();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [v, setV] = useState<CampaignInput>(campaign ? inputOf(campaign) : BLANK);
  const [dirty, setDirty] = useState(campaign === null);
  const caret = useRef<number | null>(null);
  const set = (patch: Partial<CampaignInput>) => {
    setV((x) => ({ ...x, ...patch }));
    setDirty(true);
  };
  const setAudience = (a: Audience) => set({ audience: a });

  const fields = useQuery({ queryKey: ["campaign-merge-fields"], queryFn: fetchMergeFields, staleTime: Infinity });
  // debounced as text: a fresh object each render would never settle
  const templateText = useDebounced(JSON.stringify({ channel: v.channel, subject: v.channel === "email" ? v.subject : null, body: v.body }), 300);
  const template = useMemo(() => JSON.parse(templateText) as { channel: "email" | "task"; subject: string | null; body: string }, [templateText]);
  const problems = useQuery({ queryKey: ["campaign-check", template], queryFn: () => checkTemplate(template), enabled: template.body.trim() !== "", placeholderData: keepPreviousData });
  const audienceText = useDebounced(JSON.stringify(v.audience), 300);
  const audience = useMemo(() => JSON.parse(audienceText) as Audience, [audienceText]);
  // a hand-picked audience needs one customer at least before there is anything to count
  const countable = audience.kind !== "customers" || audience.ids.length > 0;
  const preview = useQuery({ queryKey: ["campaign-preview", audience], queryFn: () => previewAudience(audience), placeholderData: keepPreviousData, retry: false, enabled: countable });
  const noCustomers = v.audience.kind === "customers" && v.audience.ids.length === 0;

  const save = useMutation({
    mutationFn: () => {
      const body = { ...v, subject: v.channel === "email" ? v.subject : null };
      return campaign ? updateCampaign(campaign.id, body) : createCampaign(body);
    },
    onSuccess: (c) => {
      setDirty(false);
      void qc.invalidateQueries({ queryKey: ["campaigns"] });
      qc.setQueryData(["campaign", c.id], c);
      void message.success(t("campaigns.saved"));
      if (!campaign) navigate(`/campaigns/${c.id}`, { replace: true });
    },
  });
  const start = useMutation({
    mutationFn: () => startCampaign(campaign!.id),
    onSuccess: (c) => {
      qc.setQueryData(["campaign", c.id], c);
      void qc.invalidateQueries({ queryKey: ["campaigns"] });
      void qc.invalidateQueries({ queryKey: ["campaign-results", c.id] });
    },
  });

  const insert = (field: string) => {
    const token = `{{${field}}}`;
    const at = caret.current ?? v.body.length;
    set({ body: `${v.body.slice(0, at)}${token}${v.body.slice(at)}` });
    caret.current = at + token.length;
  };

  const problemList = template.body.trim() ? (problems.data ?? []) : [];
  const blocked = !campaign || dirty || noCustomers || problemList.length > 0 || problems.isFetching || !template.body.trim();
  const error = save.error ?? start.error;
  const errorText = error instanceof ApiError ? `${error.field ? `${error.field}: ` : ""}${error.message}` : error ? String(error) : null;
  const tiers = v.audience.kind === "customers" ? undefined : v.audience.tiers;
  const setTiers = (list: Tier[]) => v.audience.kind !== "customers" && setAudience({ ...v.audience, tiers: list.length ? list : undefined });
  const setSegment = (patch: Partial<Extract<Audience, { kind: "segment" }>>) => v.audience.kind === "segment" && setAudience({ ...v.audience, ...patch });
  const audienceKind = (kind: Audience["kind"]) => setAudience(kind === "customers" ? { kind, ids: [] } : { kind });

  return (
    <Space direction="vertical" size={16} style={{ width: "100%" }} data-testid="campaign-form">
      {errorText ? <Alert type="error" showIcon message={errorText} data-testid="campaign-error" /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("campaigns.message")} size="small">
            <Form layout="vertical">
              <Form.Item label={t("campaigns.name")} required>
                <Input value={v.name} onChange={(e) => set({ name: e.target.value })} maxLength={200} data-testid="campaign-name" />
              </Form.Item>
              <Space wrap size={24}>
                <Form.Item label={t("campaigns.kind")}>
                  <Radio.Group value={v.kind} onChange={(e) => {
                    const kind = e.target.value as CampaignInput["kind"];
                    set({ kind, audience: kind === "winback" ? { kind: "winback" } : { kind: "segment" } });
                  }}>
                    <Radio value="winback" data-testid="campaign-kind-winback">{t("campaigns.kinds.winback")}</Radio>
                    <Radio value="adhoc" data-testid="campaign-kind-adhoc">{t("campaigns.kinds.adhoc")}</Radio>
                  </Radio.Group>
                </Form.Item>
                <Form.Item label={t("campaigns.channel")}>
                  <Radio.Group value={v.channel} onChange={(e) => set({ channel: e.target.value as CampaignInput["channel"] })}>
                    <Radio value="email" data-testid="campaign-channel-email">{t("campaigns.channels.email")}</Radio>
                    <Radio value="task" data-testid="campaign-channel-task">{t("campaigns.channels.task")}</Radio>
                  </Radio.Group>
                </Form.Item>
              </Space>
              {v.channel === "email" ? (
                <Form.Item label={t("campaigns.subject")} required>
                  <Input value={v.subject ?? ""} onChange={(e) => set({ subject: e.target.value })} maxLength={300} data-testid="campaign-subject" />
                </Form.Item>
              ) : null}
              <Form.Item label={v.channel === "email" ? t("campaigns.body") : t("campaigns.talkingPoints")} required extra={t("campaigns.fieldsHelp")}>
                <Input.TextArea
                  value={v.body} rows={8} maxLength={20_000} data-testid="campaign-body"
                  onChange={(e) => { caret.current = e.target.selectionStart; set({ body: e.target.value }); }}
                  onSelect={(e) => { caret.current = (e.target as HTMLTextAreaElement).selectionStart; }}
                />
              </Form.Item>
              <Space size={[4, 4]} wrap data-testid="campaign-fields">
                {(fields.data ?? []).map((x) => (
                  <Tag key={x.field} style={{ cursor: "pointer" }} onClick={() => insert(x.field)} title={t(`campaigns.fields.${x.field}`, { defaultValue: x.description })} data-testid={`campaign-field-${x.field}`}>
                    {`{{${x.field}}}`}
                  </Tag>
                ))}
              </Space>
            </Form>
            <div style={{ marginTop: 12 }} data-testid="campaign-problems" data-count={problemList.length}>
              {problemList.length ? (
                <Alert type="warning" showIcon message={t("campaigns.problemsTitle")} description={
                  <List size="small" dataSource={problemList} renderItem={(p) => (
                    <List.Item data-testid="campaign-problem" data-code={p.code}>
                      {t(`campaigns.problems.${p.code}`, { field: p.field ?? "", text: p.text ?? "", part: t(`campaigns.parts.${p.part}`) })}
                    </List.Item>
                  )} />
                } />
              ) : template.body.trim() && problems.isSuccess ? <Alert type="success" showIcon message={t("campaigns.noProblems")} data-testid="campaign-template-ok" /> : null}
            </div>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("campaigns.audience")} size="small">
            <Form layout="vertical">
              <Form.Item label={t("campaigns.audienceKind")}>
                <Radio.Group value={v.audience.kind} onChange={(e) => audienceKind(e.target.value as Audience["kind"])}>
                  {(["winback", "segment", "customers"] as const).map((k) => (
                    <Radio key={k} value={k} data-testid={`campaign-audience-${k}`}>{t(`campaigns.audienceKinds.${k}`)}</Radio>
                  ))}
                </Radio.Group>
              </Form.Item>
              {v.audience.kind === "winback" ? (
                <>
                  <Form.Item label={t("campaigns.winbackLoyalty")}>
                    <Checkbox.Group
                      value={v.audience.loyalty ?? ["churned", "marginal"]}
                      onChange={(l) => v.audience.kind === "winback" && l.length && setAudience({ ...v.audience, loyalty: l as Array<"churned" | "marginal"> })}
                      options={(["churned", "marginal"] as const).map((k) => ({ value: k, label: t(`campaigns.loyalty.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item label={t("campaigns.minChurn")}>
                    <InputNumber min={1} max={100} value={Math.round((v.audience.minChurnProbability ?? 0.5) * 100)} addonAfter="%"
                      onChange={(n) => v.audience.kind === "winback" && setAudience({ ...v.audience, minChurnProbability: (n ?? 50) / 100 })} data-testid="campaign-min-churn" />
                  </Form.Item>
                </>
              ) : v.audience.kind === "segment" ? (
                <>
                  <Form.Item label={t("campaigns.loyaltyFilter")}>
                    <Checkbox.Group
                      value={v.audience.loyalty ?? []}
                      onChange={(l) => setSegment({ loyalty: l.length ? (l as string[]) : undefined })}
                      options={LOYALTY.map((k) => ({ value: k, label: t(`campaigns.loyalty.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item label={t("campaigns.rfm8Filter")} extra={t("campaigns.anyHelp")}>
                    <Select<string[]>
                      mode="multiple" allowClear value={v.audience.rfm8 ?? []} placeholder={t("campaigns.any")} style={{ width: "100%" }}
                      onChange={(l) => setSegment({ rfm8: l.length ? l : undefined })}
                      options={RFM8.map((k) => ({ value: k, label: t(`value.rfm8.segments.${k}`) }))}
                      optionRender={(o) => <span data-testid={`campaign-rfm8-option-${String(o.value)}`}>{o.label}</span>}
                      data-testid="campaign-rfm8"
                    />
                  </Form.Item>
                  <Form.Item label={t("campaigns.statesFilter")} extra={t("campaigns.anyHelp")}>
                    <Select<CustomerStateCode[]>
                      mode="multiple" allowClear value={v.audience.states ?? []} placeholder={t("campaigns.any")} style={{ width: "100%" }}
                      onChange={(l) => setSegment({ states: l.length ? l : undefined })}
                      options={CUSTOMER_STATES.map((k) => ({ value: k, label: t(`states.${k}`) }))}
                      optionRender={(o) => <span data-testid={`campaign-state-option-${String(o.value)}`}>{o.label}</span>}
                      data-testid="campaign-states"
                    />
                  </Form.Item>
                </>
              ) : (
                <AudienceCustomers ids={v.audience.ids} onChange={(ids) => setAudience({ kind: "customers", ids })} />
              )}
              {v.audience.kind !== "customers" ? (
                <Form.Item label={t("campaigns.tiers")} extra={t("campaigns.tiersHelp")}>
                  <Checkbox.Group value={tiers ?? []} onChange={(l) => setTiers(l as Tier[])} options={TIERS.map((k) => ({ value: k, label: t(`value.tiers.${k}`) }))} />
                </Form.Item>
              ) : null}
            </Form>
            {!countable ? null : preview.isError ? <ErrorResult error={preview.error} inline /> : preview.isPending ? <LoadingBlock rows={3} /> : preview.data ? (
              <div data-testid="campaign-preview">
                <Table
                  size="small" pagination={false} rowKey="stratum"
                  dataSource={STRATA.filter((s) => s !== "none" || preview.data.byStratum.none > 0).map((s) => ({ stratum: s, n: preview.data.byStratum[s] }))}
                  columns={[
                    { title: t("campaigns.tier"), dataIndex: "stratum", render: (s: Stratum) => (s === "none" ? t("campaigns.noTier") : t(`value.tiers.${s}`)) },
                    { title: t("campaigns.customers"), dataIndex: "n", align: "right", render: (n: number, r) => <span data-testid={`campaign-preview-${r.stratum}`}>{f.number(n)}</span> },
                  ]}
                  summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>{t("campaigns.total")}</Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right"><span data-testid="campaign-preview-total">{f.number(preview.data.total)}</span></Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
                <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="campaign-sources">
                  {preview.data.sources.snapshot ? t("campaigns.fromSnapshot", { asOf: f.date(preview.data.sources.snapshot.asOf), at: f.dateTime(preview.data.sources.snapshot.createdAt) }) : t("campaigns.noSnapshot")}
                  {v.audience.kind === "winback" ? (
                    <> {preview.data.sources.modelRun
                      ? t("campaigns.fromModelRun", { asOf: f.date(preview.data.sources.modelRun.asOf), at: f.dateTime(preview.data.sources.modelRun.createdAt) })
                      : t("campaigns.noModelRun")}</>
                  ) : null}
                </Typography.Paragraph>
              </div>
            ) : null}
          </Card>
          <Card title={t("campaigns.measurement")} size="small" style={{ marginTop: 16 }}>
            <Descriptions column={1} size="small" items={[
              { key: "h", label: t("campaigns.holdoutShare"), children: <InputNumber min={0} max={50} step={1} value={Math.round(v.holdoutShare * 1000) / 10} addonAfter="%" onChange={(n) => set({ holdoutShare: (n ?? 10) / 100 })} data-testid="campaign-holdout" /> },
              { key: "s", label: t("campaigns.seed"), children: <InputNumber min={0} max={2_147_483_647} value={v.seed ?? null} placeholder={t("campaigns.seedRandom")} onChange={(n) => set({ seed: n ?? undefined })} data-testid="campaign-seed" /> },
              { key: "d", label: t("campaigns.measureDays"), children: <InputNumber min={7} max={730} value={v.measureDays} onChange={(n) => set({ measureDays: n ?? 90 })} data-testid="campaign-measure-days" /> },
              { key: "c", label: t("campaigns.costPerContact"), children: <Input value={v.costPerContact} onChange={(e) => set({ costPerContact: e.target.value })} style={{ width: 140 }} data-testid="campaign-cost-per-contact" /> },
              { key: "f", label: t("campaigns.fixedCost"), children: <Input value={v.cost} onChange={(e) => set({ cost: e.target.value })} style={{ width: 140 }} data-testid="campaign-cost" /> },
            ]} />
            <Typography.Paragraph type="secondary">{t("campaigns.holdoutHelp")}</Typography.Paragraph>
          </Card>
        </Col>
      </Row>
      <Space>
        <Button type={campaign ? "default" : "primary"} onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty || !v.name.trim() || !v.body.trim() || noCustomers} data-testid="campaign-save">
          {campaign ? t("campaigns.save") : t("campaigns.saveDraft")}
        </Button>
        {campaign ? (
          <Popconfirm title={t("campaigns.startConfirm", { n: preview.data?.total ?? 0, share: Math.round(v.holdoutShare * 100) })} onConfirm={() => start.mutate()} okButtonProps={{ "data-testid": "campaign-start-confirm" } as Record<string, string>}>
            <Button type="primary" disabled={blocked} loading={start.isPending} data-testid="campaign-start">{t("campaigns.start")}</Button>
          </Popconfirm>
        ) : null}
        {campaign && dirty ? <Typography.Text type="secondary">{t("campaigns.saveBeforeStart")}</Typography.Text> : null}
      </Space>
    </Space>
  );
}
