import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { PageSpin } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { fetchPlan, generatePlan, type Generated } from "../api/plans.api";
import { PlanEditor } from "./PlanEditor";
import { PlanResultsCard } from "./PlanResultsCard";
import { quarterLabel } from "./plan-format";
import { SpendChart } from "./SpendChart";
import { SpendTable } from "./SpendTable";

/**
 * One contact plan (docs/contact-plans.md): the tiers' spend against their sales, the editor
 * while it is a draft, generating the quarter's contacts as tasks or e-mails, and how the plan
 * is doing.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = Number(useParams().id);
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const qc = useQueryClient();
  const view = useQuery({ queryKey: ["plan", id], queryFn: () => fetchPlan(id), enabled: Number.isSafeInteger(id) && id > 0 });
  const generate = useMutation({
    mutationFn: () => generatePlan(id),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ["plan", id] });
      void qc.invalidateQueries({ queryKey: ["plans"] });
    },
  });
  const v = view.data;

  let body;
  if (view.isPending) body = <PageSpin />;
  else if (view.isError) body = <ErrorResult error={view.error} onRetry={() => void view.refetch()} />;
  else if (v) {
    body = (
      <Space direction="vertical" size={16} style={{ width: "100%" }}>
        <Card title={t("plans.spendTitle")} data-testid="plan-spend">
          <Typography.Paragraph type="secondary" data-testid="plan-reference">
            {t("plans.reference", { from: f.date(v.reference.from), to: f.date(v.reference.to) })}
          </Typography.Paragraph>
          {v.totals.customers === 0 ? <Alert type="info" showIcon title={t("plans.noCustomers")} data-testid="plan-no-customers" style={{ marginBottom: 12 }} /> : null}
          <SpendTable view={v} />
          <SpendChart lines={v.lines} />
        </Card>
        <FormError error={generate.error} />
        {generate.data ? <GenerateResult r={generate.data} byEmail={Object.keys(v.emails).length > 0} /> : null}
        {manages && v.status === "draft" ? <PlanEditor key={v.updatedAt} plan={v} /> : null}
        {v.status !== "draft" ? <PlanResultsCard id={id} /> : null}
      </Space>
    );
  }

  const extra = v && manages && v.status !== "archived" ? (
    <Button type="primary" loading={generate.isPending} onClick={() => generate.mutate()} disabled={v.totals.customers === 0} data-testid="plan-generate">
      {v.status === "draft" ? t("plans.generate") : t("plans.generateAgain")}
    </Button>
  ) : null;

  return (
    <div data-testid="plan-page">
      <PageHeader
        title={v ? <Space>{v.name}<Tag color={v.status === "generated" ? "green" : undefined} data-testid="plan-status">{t(`plans.statuses.${v.status}`)}</Tag></Space> : t("nav.plans")}
        extra={extra}
      />
      <Typography.Paragraph type="secondary">
        <Link to="/plans">{t("plans.back")}</Link>
        {v ? <> · {quarterLabel(v.quarterStart)} · {t("plans.budget")} {f.money(v.budget)}{v.campaignId !== null ? <> · <Link to="/campaigns">{t("plans.campaignLink")}</Link></> : null}</> : null}
      </Typography.Paragraph>
      {body}
    </div>
  );
}

/** What a generation made; the e-mail line shows whenever the plan sends e-mail, even when nothing new went out. */
function GenerateResult({ r, byEmail }: { r: Generated; byEmail: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const e = r.emails;
  const caps = r.droppedByCap.filter((c) => c.contacts > 0).map((c) => t("plans.droppedByCap", { n: f.number(c.contacts), max: c.max, days: c.windowDays })).join("; ");
  return (
    <Alert
      type="success"
      showIcon
      data-testid="plan-generate-result"
      title={t("plans.generated", { kept: f.number(r.kept), dropped: f.number(r.dropped) })}
      description={
        <>
          <div data-testid="plan-generate-created">{t("plans.generatedNew", { created: f.number(r.created), existing: f.number(r.existing) })}</div>
          {byEmail || e.queued + e.held + e.skipped > 0 ? (
            <div data-testid="plan-generate-emails">{t("plans.generatedEmails", { queued: f.number(e.queued), held: f.number(e.held), skipped: f.number(e.skipped) })}</div>
          ) : null}
          {r.control > 0 ? <div>{t("plans.generatedControl", { control: f.number(r.control), customers: f.number(r.customers) })}</div> : null}
          {caps ? <div data-testid="plan-generate-caps">{caps}</div> : null}
        </>
      }
    />
  );
}
