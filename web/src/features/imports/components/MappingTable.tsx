import { Select, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportField } from "../api/imports.api";

interface Props {
  fields: ImportField[];
  headers: string[];
  mapping: Record<string, string>;
  onChange: (mapping: Record<string, string>) => void;
}

/** Which column of the file fills each field; required fields are marked. */
export function MappingTable({ fields, headers, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const set = (field: string, header: string | undefined) => {
    const next = { ...mapping };
    if (header) next[field] = header;
    else delete next[field];
    onChange(next);
  };
  // A platform preset may map a field to a column it computes, which no header names.
  const choices = [...headers, ...Object.values(mapping).filter((h) => !headers.includes(h))];
  const columns = [
    {
      key: "field",
      title: t("imports.field"),
      render: (_: unknown, f: ImportField) => (
        <>
          <Typography.Text code>{f.name}</Typography.Text>
          {f.required ? <Tag color="red" style={{ marginInlineStart: 6 }}>{t("imports.required")}</Tag> : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {f.description}
            </Typography.Text>
          </div>
        </>
      ),
    },
    {
      key: "header",
      title: t("imports.column"),
      width: 280,
      render: (_: unknown, f: ImportField) => (
        <Select
          value={mapping[f.name]}
          onChange={(h?: string) => set(f.name, h)}
          allowClear
          showSearch
          status={f.required && !mapping[f.name] ? "error" : undefined}
          placeholder={t("imports.notMapped")}
          options={choices.map((h) => ({ value: h, label: h }))}
          style={{ width: "100%", minWidth: 180 }}
          data-testid={`import-map-${f.name}`}
        />
      ),
    },
  ];
  return (
    <div data-testid="import-mapping">
      <Table<ImportField> rowKey="name" size="small" dataSource={fields} columns={columns} pagination={false} scroll={{ x: "max-content" }} />
    </div>
  );
}
