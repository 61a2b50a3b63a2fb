import { Card, Steps } from "antd";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../../components/PageHeader";
import { useImportWizard } from "../hooks/useImportWizard";
import { JobStep } from "./JobStep";
import { PastImports } from "./PastImports";
import { PreviewStep } from "./PreviewStep";
import { UploadStep } from "./UploadStep";

/** The import wizard (upload, map, validate, run) and the list of past imports. */
export default function ImportsPage() {
  const { t } = useTranslation();
  const w = useImportWizard();

  return (
    <>
      <PageHeader title={t("nav.imports")} />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={w.step}
          responsive
          style={{ marginBottom: 24 }}
          items={[
            { title: t("imports.steps.upload") },
            { title: t("imports.steps.preview") },
            { title: t("imports.steps.validate") },
            { title: t("imports.steps.run") },
          ]}
        />
        {w.step === 0 ? <UploadStep wizard={w} /> : null}
        {w.step === 1 ? <PreviewStep wizard={w} /> : null}
        {w.step === 2 ? <JobStep wizard={w} jobId={w.validateJob} dryRun /> : null}
        {w.step === 3 ? <JobStep wizard={w} jobId={w.runJob} dryRun={false} /> : null}
      </Card>
      <PastImports />
    </>
  );
}
