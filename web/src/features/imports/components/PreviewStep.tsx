import { Alert, Button, Col, Descriptions, Flex, Form, Row, Select, Spin, Typography, Upload } from "antd";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { formatBytes } from "../../../i18n/format";
import { useFormat } from "../../../i18n/useFormat";
import { ENCODINGS, PAIR_HALVES, type UploadPreview } from "../api/imports.api";
import type { ImportWizard } from "../hooks/useImportWizard";
import { MappingTable } from "./MappingTable";
import { SampleTable } from "./SampleTable";

/** Step 2: how the file was read (encoding, delimiter, preset), the column mapping, a sample. */
export function PreviewStep({ wizard: w }: { wizard: ImportWizard }) {
  const { t } = useTranslation();
  const f = useFormat();
  const p = w.preview;
  if (!p) return null;
  const encodings = ENCODINGS.includes(p.encoding as (typeof ENCODINGS)[number]) ? [...ENCODINGS] : [p.encoding, ...ENCODINGS];
  const delimiter = p.delimiter === null ? "—" : p.delimiter === "\t" ? t("imports.tab") : p.delimiter;

  return (
    <Spin spinning={w.repreview.isPending || w.pair.isPending}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: "file", label: t("imports.file"), children: p.fileName },
          { key: "size", label: t("imports.size"), children: formatBytes(p.size, f.locale) },
          { key: "format", label: t("imports.format"), children: p.format.toUpperCase() },
          { key: "delimiter", label: t("imports.delimiter"), children: <Typography.Text code>{delimiter}</Typography.Text> },
        ]}
      />
      <PairPanel preview={p} wizard={w} />
      <Form layout="vertical" style={{ marginTop: 12 }}>
        <Row gutter={12}>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t("imports.encoding")} extra={t("imports.encodingHelp")}>
              <Select value={p.encoding} disabled={p.format === "xlsx"} options={encodings.map((e) => ({ value: e, label: e }))} onChange={(encoding: string) => w.repreview.mutate({ encoding })} data-testid="import-encoding" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t("imports.preset")} extra={t("imports.presetHelp")}>
              <Select value={p.preset} options={p.presets.map((x) => ({ value: x, label: x }))} onChange={(preset: string) => w.repreview.mutate({ preset })} data-testid="import-preset" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <FormError error={w.repreview.error} />
      <Typography.Title level={5}>{t("imports.mapping")}</Typography.Title>
      <MappingTable fields={p.fields} headers={p.headers} mapping={w.mapping} onChange={w.setMapping} />
      {p.ignoredColumns.length > 0 ? (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("imports.ignored", { columns: p.ignoredColumns.join(", ") })} />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("imports.sample")}
      </Typography.Title>
      <SampleTable headers={p.headers} rows={p.sample} />
      {w.missing.length > 0 ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t("imports.missingRequired", { fields: w.missing.join(", ") })} /> : null}
      <FormError error={w.start.error} />
      <Flex justify="space-between" gap={8} wrap style={{ marginTop: 16 }}>
        <Button onClick={w.restart}>{t("imports.otherFile")}</Button>
        <Button type="primary" disabled={w.missing.length > 0} loading={w.start.isPending} onClick={() => w.start.mutate(true)} data-testid="import-validate">
          {t("imports.validate")}
        </Button>
      </Flex>
    </Spin>
  );
}

/**
 * The Taobao/Tmall pair: which file is the order list and which the item list once both are
 * here, or, for one half alone, what the other half adds and a button to add it.
 */
function PairPanel({ preview: p, wizard: w }: { preview: UploadPreview; wizard: ImportWizard }) {
  const { t } = useTranslation();
  if (p.pair) {
    return (
      <Alert
        type="success"
        showIcon
        style={{ marginTop: 12 }}
        data-testid="import-pair"
        title={t("imports.pair.title")}
        description={
          <>
            <div>
              {t("imports.pair.orders")}: <Typography.Text strong data-testid="import-pair-orders">{p.pair.orderFile}</Typography.Text>
              {" · "}
              {t("imports.pair.items")}: <Typography.Text strong data-testid="import-pair-items">{p.pair.detailFile}</Typography.Text>
            </div>
            <div>{t("imports.pair.joined")}</div>
          </>
        }
        action={<Button size="small" onClick={() => w.pair.mutate(null)}>{t("imports.pair.remove")}</Button>}
      />
    );
  }
  if (p.kind !== "orders" || !PAIR_HALVES.includes(p.preset)) return null;
  return (
    <>
      <Alert
        type={p.preset === "taobao-detail" ? "warning" : "info"}
        showIcon
        style={{ marginTop: 12 }}
        data-testid="import-pair-offer"
        title={t(p.preset === "taobao-detail" ? "imports.pair.needOrders" : "imports.pair.offerItems")}
        action={
          <Upload
            accept=".csv,.tsv,.txt,.xlsx"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              w.pair.mutate(file);
              return false;
            }}
          >
            <Button size="small" type="primary" loading={w.pair.isPending} data-testid="import-pair-add">
              {t("imports.pair.add")}
            </Button>
          </Upload>
        }
      />
      <FormError error={w.pair.error} />
    </>
  );
}
