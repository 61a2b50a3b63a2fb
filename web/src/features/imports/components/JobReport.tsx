import { DownloadOutlined } from "@ant-design/icons";
import { Button, Col, Descriptions, Empty, Row, Statistic, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/useFormat";
import { rejectsUrl, type ImportSummary, type Rejection } from "../api/imports.api";

/** The counts of a finished run and its first rejected rows, with all of them to download. */
export function JobReport({ jobId, summary: s }: { jobId: string; summary: ImportSummary }) {
  const { t } = useTranslation();
  const f = useFormat();
  const counts = [
    { key: "rowsRead", value: s.rowsRead },
    { key: "landed", value: s.landed },
    { key: "updated", value: s.updated },
    { key: "unchanged", value: s.unchanged },
    { key: "rejected", value: s.rejected },
    // Platform exports: unpaid and cancelled orders are no sales, skipped rather than rejected.
    ...(s.skipped > 0 ? [{ key: "skipped", value: s.skipped } as const] : []),
  ] as const;

  return (
    <>
      <Row gutter={[16, 16]}>
        {counts.map((c) => (
          <Col key={c.key} xs={12} sm={8} md={4}>
            <Statistic
              title={t(`imports.counts.${c.key}`)}
              value={c.value}
              // The test id sits on the number alone, so a test reads "3", not the title with it.
              formatter={() => <span data-testid={c.key === "rejected" ? "import-rejected-count" : `import-count-${c.key}`}>{f.number(c.value)}</span>}
              styles={c.key === "rejected" && c.value > 0 ? { content: { color: "#cf1322" } } : undefined}
            />
          </Col>
        ))}
      </Row>
      <Descriptions
        size="small"
        style={{ marginTop: 16 }}
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: "created", label: t("imports.counts.customersCreated"), children: f.number(s.customersCreated) },
          { key: "duration", label: t("imports.duration"), children: t("imports.seconds", { value: f.number(Math.round(s.durationMs / 100) / 10) }) },
          { key: "preset", label: t("imports.preset"), children: s.preset },
          { key: "encoding", label: t("imports.encoding"), children: s.encoding },
          ...(s.platform
            ? [{ key: "identity", label: t("imports.platformIdentity", { platform: s.platform.label }), children: <span data-testid="import-identity">{s.platform.identity}</span> }]
            : []),
          ...(s.pair
            ? [{ key: "pair", label: t("imports.pair.title"), children: `${t("imports.pair.orders")}: ${s.pair.orderFile} · ${t("imports.pair.items")}: ${s.pair.detailFile}` }]
            : []),
          ...(s.skipped > 0
            ? [{ key: "skippedReasons", label: t("imports.counts.skipped"), children: Object.entries(s.skippedReasons).map(([r, n]) => `${f.number(n)} × ${r}`).join("; ") }]
            : []),
          ...(s.warned > 0
            ? [{ key: "warnings", label: t("imports.warnings"), children: s.warnings.map((w) => `${t("imports.line")} ${w.line}: ${w.reason}`).join("; ") }]
            : []),
        ]}
      />
      {s.rejected > 0 ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t("imports.firstRejections")}
          </Typography.Title>
          <div data-testid="import-rejections">
            <Table<Rejection & { key: number }>
              size="small"
              dataSource={s.firstRejections.map((r, key) => ({ ...r, key }))}
              pagination={false}
              scroll={{ x: "max-content" }}
              locale={{ emptyText: <Empty /> }}
              columns={[
                { key: "line", title: t("imports.line"), render: (_, r) => r.line },
                { key: "column", title: t("imports.column"), render: (_, r) => r.column ?? "—" },
                { key: "value", title: t("imports.value"), render: (_, r) => (r.value === undefined ? "—" : <Typography.Text code>{r.value}</Typography.Text>) },
                { key: "reason", title: t("imports.reason"), render: (_, r) => r.reason },
              ]}
            />
          </div>
          <Button icon={<DownloadOutlined />} href={rejectsUrl(jobId)} download style={{ marginTop: 12 }} data-testid="import-rejects-download">
            {t("imports.downloadRejects", { count: s.rejected })}
          </Button>
        </>
      ) : null}
    </>
  );
}
