import { Empty, Table } from "antd";
import { useTranslation } from "react-i18next";

interface Row {
  key: number;
  cells: string[];
}

/** The first rows of the file as read with the chosen encoding: mojibake shows here first. */
export function SampleTable({ headers, rows }: { headers: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  // Headers may repeat or be empty, so columns are keyed by position.
  const columns = headers.map((h, i) => ({ key: String(i), title: h, render: (_: unknown, row: Row) => row.cells[i] ?? "" }));
  return (
    <div data-testid="import-sample">
      <Table<Row>
        size="small"
        dataSource={rows.map((cells, key) => ({ key, cells }))}
        columns={columns}
        pagination={false}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <Empty description={t("imports.noRows")} /> }}
      />
    </div>
  );
}
