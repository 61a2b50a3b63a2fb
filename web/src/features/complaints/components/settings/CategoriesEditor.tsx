import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Input, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Labels } from "../../api/complaints.api";
import { BLANK, LANGS, type CategoryProblem, type EditCategory } from "./tree";

const NAME_KEY = { en: "complaints.settings.nameEn", "zh-CN": "complaints.settings.nameZhCN", "zh-TW": "complaints.settings.nameZhTW" } as const;

/** The category list: a key per category (fixed once saved) and its name in each language. */
export function CategoriesEditor({ rows, onChange, problem }: { rows: EditCategory[]; onChange: (rows: EditCategory[]) => void; problem: CategoryProblem | null }) {
  const { t } = useTranslation();
  const set = (id: number, f: (c: EditCategory) => EditCategory) => onChange(rows.map((c) => (c.id === id ? f(c) : c)));
  const setName = (id: number, lang: keyof Labels, v: string) => set(id, (c) => ({ ...c, label: { ...c.label, [lang]: v } }));
  const bad = (row: number, field: CategoryProblem["field"]) => (problem?.row === row && problem.field === field ? "error" : undefined);
  return (
    <>
      <Typography.Paragraph type="secondary">{t("complaints.settings.categoriesHelp")}</Typography.Paragraph>
      <Table<EditCategory>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        data-testid="category-table"
        columns={[
          {
            key: "key",
            title: t("complaints.settings.key"),
            width: 170,
            render: (_, c, i) =>
              c.saved ? (
                <Typography.Text code data-testid={`category-key-${i}`}>{c.key}</Typography.Text>
              ) : (
                <Input value={c.key} status={bad(i, "key")} maxLength={100} onChange={(e) => set(c.id, (x) => ({ ...x, key: e.target.value }))} data-testid={`category-key-${i}`} />
              ),
          },
          ...LANGS.map((lang) => ({
            key: lang,
            title: t(NAME_KEY[lang]),
            render: (_: unknown, c: EditCategory, i: number) => (
              <Input value={c.label[lang]} status={bad(i, "label")} maxLength={100} placeholder={c.key} onChange={(e) => setName(c.id, lang, e.target.value)} data-testid={`category-name-${lang}-${i}`} />
            ),
          })),
          {
            key: "remove",
            width: 48,
            render: (_, c, i) => (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} disabled={rows.length === 1}
                onClick={() => onChange(rows.filter((x) => x.id !== c.id))} data-testid={`category-remove-${i}`} />
            ),
          },
        ]}
      />
      <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} data-testid="category-add"
        onClick={() => onChange([...rows, { id: Math.max(0, ...rows.map((c) => c.id)) + 1, key: "", saved: false, label: { ...BLANK } }])}>
        {t("complaints.settings.addCategory")}
      </Button>
    </>
  );
}
