import { Col, Empty, Row, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEntry } from "../api/audit.api";
import { asJson, jsonDiff, type FieldChange } from "./jsonDiff";

const pre = { margin: 0, whiteSpace: "pre-wrap" as const, wordBreak: "break-word" as const, fontSize: 12 };

/** What an audit entry changed: field by field, and the two snapshots as text. */
export function ChangeDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = jsonDiff(entry.before, entry.after);
  return (
    <div data-testid="audit-diff">
      <Table<FieldChange>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={changes}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={t("audit.noChanges")} /> }}
        columns={[
          { key: "field", title: t("audit.field"), render: (_, c) => <Typography.Text code>{c.field}</Typography.Text> },
          { key: "before", title: t("audit.before"), render: (_, c) => <pre style={pre}>{asJson(c.before)}</pre> },
          { key: "after", title: t("audit.after"), render: (_, c) => <pre style={pre}>{asJson(c.after)}</pre> },
        ]}
      />
      <Row gutter={12} style={{ marginTop: 12 }}>
        {(["before", "after"] as const).map((side) => (
          <Col key={side} xs={24} md={12}>
            <Typography.Text type="secondary">{t(`audit.${side}`)}</Typography.Text>
            <pre style={{ ...pre, background: "rgba(0,0,0,0.03)", padding: 8, maxHeight: 320, overflow: "auto" }}>{asJson(entry[side]) || "—"}</pre>
          </Col>
        ))}
      </Row>
    </div>
  );
}
