import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Empty, Flex, Form, Input, Modal, Popconfirm, Tooltip, Tree, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toLanguage } from "../../../../i18n";
import { testId } from "../../../../lib/testId";
import type { Labels } from "../../api/complaints.api";
import { addNode, depthOf, KEY, LANGS, MAX_DEPTH, removeNode, treeKeys, updateNode, type EditNode } from "./tree";

const NAME_KEY = { en: "complaints.settings.nameEn", "zh-CN": "complaints.settings.nameZhCN", "zh-TW": "complaints.settings.nameZhTW" } as const;

/** What the node form edits: a new node under `parent` (null: at the top), or the node `key`. */
type Editing = { mode: "add"; parent: string | null } | { mode: "edit"; node: EditNode };

interface TreeItem {
  key: string;
  node: EditNode;
  level: number;
  children: TreeItem[];
}

const items = (nodes: readonly EditNode[], level = 1): TreeItem[] => nodes.map((n) => ({ key: n.key, node: n, level, children: items(n.children, level + 1) }));

/** The root-cause tree: add, rename and remove causes, up to three levels, each named in three languages. */
export function RootCauseEditor({ tree, onChange }: { tree: EditNode[]; onChange: (tree: EditNode[]) => void }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const [editing, setEditing] = useState<Editing | null>(null);
  const name = (n: EditNode) => n.label[lang] || n.label.en || n.key;

  return (
    <>
      <Typography.Paragraph type="secondary">{t("complaints.settings.rootCausesHelp")}</Typography.Paragraph>
      {tree.length === 0 ? (
        <Empty description={t("complaints.settings.emptyTree")} />
      ) : (
        <Tree<TreeItem>
          blockNode
          defaultExpandAll
          selectable={false}
          treeData={items(tree)}
          data-testid="root-cause-tree"
          titleRender={(item) => (
            <Flex justify="space-between" align="center" gap={8} data-testid="root-cause-node" data-key={item.key}>
              <span>
                {name(item.node)} <Typography.Text type="secondary" code>{item.key}</Typography.Text>
              </span>
              <Flex gap={2}>
                <Tooltip title={t("complaints.settings.edit")}>
                  <Button size="small" type="text" icon={<EditOutlined />} aria-label={t("complaints.settings.edit")} onClick={() => setEditing({ mode: "edit", node: item.node })} data-testid={`root-cause-edit-${item.key}`} />
                </Tooltip>
                {item.level < MAX_DEPTH ? (
                  <Tooltip title={t("complaints.settings.addChild")}>
                    <Button size="small" type="text" icon={<PlusOutlined />} aria-label={t("complaints.settings.addChild")} onClick={() => setEditing({ mode: "add", parent: item.key })} data-testid={`root-cause-add-${item.key}`} />
                  </Tooltip>
                ) : null}
                <Popconfirm
                  title={t("complaints.settings.removeConfirm", { name: name(item.node) })}
                  okText={t("common.delete")}
                  cancelText={t("common.cancel")}
                  okButtonProps={{ danger: true, ...testId("root-cause-remove-confirm") }}
                  onConfirm={() => onChange(removeNode(tree, item.key))}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t("common.delete")} data-testid={`root-cause-remove-${item.key}`} />
                </Popconfirm>
              </Flex>
            </Flex>
          )}
        />
      )}
      <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing({ mode: "add", parent: null })} data-testid="root-cause-add">
        {t("complaints.settings.addCause")}
      </Button>
      <NodeForm
        editing={editing}
        taken={treeKeys(tree)}
        onClose={() => setEditing(null)}
        onDone={(key, label) => {
          if (!editing) return;
          onChange(editing.mode === "add"
            ? addNode(tree, editing.parent, { key, saved: false, label, children: [] })
            : updateNode(tree, editing.node.key, (n) => ({ ...n, key: n.saved ? n.key : key, label })));
          setEditing(null);
        }}
        depth={editing?.mode === "add" ? (editing.parent === null ? 1 : depthOf(tree, editing.parent) + 1) : 0}
      />
    </>
  );
}

function NodeForm({ editing, taken, depth, onClose, onDone }: {
  editing: Editing | null; taken: string[]; depth: number; onClose: () => void; onDone: (key: string, label: Labels) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ key: string } & Labels>();
  const node = editing?.mode === "edit" ? editing.node : null;
  const others = taken.filter((k) => k !== node?.key);
  const required = { required: true, whitespace: true, message: t("validation.required") };
  return (
    <Modal
      open={editing !== null}
      title={editing?.mode === "add" ? (depth > 1 ? t("complaints.settings.addChild") : t("complaints.settings.addCause")) : t("complaints.settings.edit")}
      okText={t("common.done")}
      cancelText={t("common.cancel")}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={testId("root-cause-form-submit")}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={node ? { key: node.key, ...node.label } : {}} data-testid="root-cause-form"
        onFinish={(v) => onDone(v.key.trim(), { en: v.en.trim(), "zh-CN": v["zh-CN"].trim(), "zh-TW": v["zh-TW"].trim() })}>
        <Form.Item name="key" label={t("complaints.settings.key")} extra={t("complaints.settings.keyHelp")}
          rules={[
            required,
            { pattern: KEY, message: t("complaints.settings.keyFormat") },
            { validator: async (_, v?: string) => (v && others.includes(v.trim()) ? Promise.reject(new Error(t("complaints.settings.keyTaken"))) : undefined) },
          ]}>
          <Input disabled={node?.saved ?? false} maxLength={40} data-testid="root-cause-form-key" />
        </Form.Item>
        {LANGS.map((lang) => (
          <Form.Item key={lang} name={lang} label={t(NAME_KEY[lang])} rules={[required, { max: 60 }]}>
            <Input maxLength={60} data-testid={`root-cause-form-name-${lang}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
