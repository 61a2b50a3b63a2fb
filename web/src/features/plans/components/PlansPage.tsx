import { PlusOutlined } from "@ant-design/icons";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Card, Empty, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { PageHeader } from "../../../components/PageHeader";
import { useFormat } from "../../../i18n/useFormat";
import { useRole } from "../../auth/hooks/useSession";
import { createPlan, fetchExample, fetchPlans, type Plan } from "../api/plans.api";
import { quarterLabel } from "./plan-format";

/**
 * Tiered contact plans (DOMAIN §5): each quarter's plan with its budget and status; a new
 * plan starts from the apparel chain of seed 000 and is then changed to fit.
 */
export default function PlansPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const role = useRole();
  const manages = role === "admin" || role === "manager";
  const navigate = useNavigate();
  const qc = useQueryClient();
  const plans = useQuery({ queryKey: ["plans"], queryFn: fetchPlans });
  const fromExample = useMutation({
    mutationFn: async () => {
      const example = await fetchExample();
      return createPlan({ ...example, name: t("plans.exampleName", { quarter: quarterLabel(example.quarterStart) }) });
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ["plans"] });
      navigate(`/plans/${p.id}`);
    },
  });

  const extra = manages ? (
    <Button type="primary" icon={<PlusOutlined />} loading={fromExample.isPending} onClick={() => fromExample.mutate()} data-testid="plans-new-example">
      {t("plans.newFromExample")}
    </Button>
  ) : null;

  let body;
  if (plans.isPending) body = <LoadingBlock />;
  else if (plans.isError) body = <ErrorResult error={plans.error} onRetry={() => void plans.refetch()} />;
  else if (!plans.data.length) body = <Card><Empty description={t("plans.empty")} data-testid="plans-empty" /></Card>;
  else {
    body = (
      <Table<Plan>
        rowKey="id"
        dataSource={plans.data}
        pagination={false}
        scroll={{ x: true }}
        data-testid="plans-table"
        columns={[
          { title: t("plans.name"), dataIndex: "name", render: (_, p) => <Link to={`/plans/${p.id}`} data-testid={`plan-link-${p.id}`}>{p.name}</Link> },
          { title: t("plans.quarter"), dataIndex: "quarterStart", render: (_, p) => `${quarterLabel(p.quarterStart)} (${f.date(p.quarterStart)} – ${f.date(p.quarterEnd)})` },
          { title: t("plans.budget"), dataIndex: "budget", align: "right", render: (b: string) => f.money(b) },
          { title: t("plans.tiers"), key: "tiers", align: "right", render: (_, p) => f.number(p.tiers.length) },
          { title: t("plans.controlShare"), dataIndex: "controlShare", align: "right", render: (c: string) => (Number(c) > 0 ? `${(Number(c) * 100).toFixed(1)}%` : "—") },
          { title: t("plans.status"), dataIndex: "status", render: (s: Plan["status"], p) => <Tag color={s === "generated" ? "green" : undefined} data-testid={`plan-status-${p.id}`}>{t(`plans.statuses.${s}`)}</Tag> },
        ]}
      />
    );
  }

  return (
    <div data-testid="plans-page">
      <PageHeader title={t("nav.plans")} extra={extra} />
      <Typography.Paragraph type="secondary">{t("plans.intro")}</Typography.Paragraph>
      <FormError error={fromExample.error} />
      {body}
    </div>
  );
}
