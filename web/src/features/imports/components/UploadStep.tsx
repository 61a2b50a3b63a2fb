import { InboxOutlined } from "@ant-design/icons";
import { Form, Radio, Typography, Upload } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { IMPORT_KINDS, uploadFile } from "../api/imports.api";
import type { ImportWizard } from "../hooks/useImportWizard";

/** Step 1: what the file holds, and the file itself (CSV or Excel). */
export function UploadStep({ wizard: w }: { wizard: ImportWizard }) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile(w.kind, file),
    onSuccess: (preview) => {
      w.setPreview(preview);
      w.setStep(1);
    },
  });

  return (
    <>
      <Form layout="vertical">
        <Form.Item label={t("imports.kind")}>
          <Radio.Group
            value={w.kind}
            onChange={(e) => w.setKind(e.target.value)}
            optionType="button"
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kinds.${k}`) }))}
            data-testid="import-kind"
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t(`imports.kindHelp.${w.kind}`)}</Typography.Paragraph>
      <FormError error={upload.error} />
      <div data-testid="import-upload">
        <Upload.Dragger
          accept=".csv,.tsv,.txt,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={upload.isPending}
          customRequest={({ file }) => {
            if (file instanceof File) upload.mutate(file);
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? t("imports.uploading") : t("imports.dropHere")}</p>
          <p className="ant-upload-hint">{t("imports.dropHint")}</p>
        </Upload.Dragger>
      </div>
    </>
  );
}
