import { InboxOutlined } from "@ant-design/icons";
import { Form, Radio, Typography, Upload } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { IMPORT_KINDS, uploadFile, uploadPair } from "../api/imports.api";
import type { ImportWizard } from "../hooks/useImportWizard";

/**
 * Step 1: what the file holds, and the file itself (CSV or Excel). Orders may come as two
 * files dropped together: a Taobao/Tmall order list and its item list, imported as a pair.
 */
export function UploadStep({ wizard: w }: { wizard: ImportWizard }) {
  const { t } = useTranslation();
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const preview = await uploadFile(w.kind, files[0]!);
      return files[1] ? uploadPair(preview.uploadId, files[1]) : preview;
    },
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
          multiple={w.kind === "orders"}
          maxCount={w.kind === "orders" ? 2 : 1}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file, list) => {
            // Called once per file with the whole selection: act on the first call only.
            if (file === list[0]) upload.mutate(list.slice(0, 2));
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{upload.isPending ? t("imports.uploading") : t("imports.dropHere")}</p>
          <p className="ant-upload-hint">{t("imports.dropHint")}</p>
          {w.kind === "orders" ? <p className="ant-upload-hint">{t("imports.pairHint")}</p> : null}
        </Upload.Dragger>
      </div>
    </>
  );
}
