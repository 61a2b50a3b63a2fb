import { Alert, Button, Flex, Progress, Result, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ErrorResult } from "../../../components/ErrorResult";
import { FormError } from "../../../components/FormError";
import { LoadingBlock } from "../../../components/Loading";
import { useFormat } from "../../../i18n/useFormat";
import { useImportJob } from "../hooks/useImportJob";
import type { ImportWizard } from "../hooks/useImportWizard";
import { JobReport } from "./JobReport";

/** Steps 3 and 4: a run (dry or real) in progress, then its report and what comes next. */
export function JobStep({ wizard: w, jobId, dryRun }: { wizard: ImportWizard; jobId: string | null; dryRun: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const job = useImportJob(jobId);

  if (job.isPending) return <LoadingBlock />;
  if (job.isError) return <ErrorResult error={job.error} onRetry={() => void job.refetch()} inline />;
  const j = job.data;
  const running = j.status === "queued" || j.status === "running";
  const percent = j.progress.totalBytes > 0 ? Math.min(100, Math.floor((j.progress.bytes / j.progress.totalBytes) * 100)) : 0;

  return (
    <div data-testid={dryRun ? "import-validation" : "import-result"}>
      {running ? (
        <>
          <Typography.Paragraph>{t(j.status === "queued" ? "imports.queued" : dryRun ? "imports.validating" : "imports.running")}</Typography.Paragraph>
          <Progress percent={percent} status="active" data-testid="import-progress" />
          <Typography.Text type="secondary">
            {t("imports.progress", { rows: f.number(j.progress.rowsRead), landed: f.number(j.progress.landed), rejected: f.number(j.progress.rejected) })}
          </Typography.Text>
        </>
      ) : j.status === "failed" ? (
        <Result status="error" title={t(dryRun ? "imports.validationFailed" : "imports.runFailed")} subTitle={j.error ? [j.error.message, j.error.hint].filter(Boolean).join(" ") : undefined} />
      ) : j.summary ? (
        <>
          <Alert
            type={j.summary.rejected > 0 ? "warning" : "success"}
            showIcon
            style={{ marginBottom: 16 }}
            title={dryRun ? t("imports.validated") : t("imports.done")}
            description={dryRun ? t("imports.dryRunNote") : undefined}
          />
          <JobReport jobId={j.jobId} summary={j.summary} />
        </>
      ) : null}
      <FormError error={w.start.error} />
      <Flex justify="space-between" gap={8} wrap style={{ marginTop: 16 }}>
        {dryRun ? (
          <>
            <Button onClick={() => w.setStep(1)} disabled={running}>
              {t("imports.backToMapping")}
            </Button>
            <Button type="primary" disabled={running || j.status !== "done"} loading={w.start.isPending} onClick={() => w.start.mutate(false)} data-testid="import-run">
              {t("imports.runForReal")}
            </Button>
          </>
        ) : (
          <Button type="primary" disabled={running} onClick={w.restart} data-testid="import-again">
            {t("imports.another")}
          </Button>
        )}
      </Flex>
    </div>
  );
}
