import { DeleteOutlined, DownOutlined, SaveOutlined } from "@ant-design/icons";
import { App, Button, Checkbox, Dropdown, Form, Input, Modal, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../../components/FormError";
import { useViews } from "../../hooks/useViews";

interface Props {
  current: Record<string, string>;
  onApply: (query: Record<string, string>) => void;
}

/** Applies a saved view, saves the current one under a name, or deletes one. */
export function SavedViews({ current, onApply }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { views, save, remove } = useViews("customers");
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();

  const items = views.isError
    ? [{ key: "error", disabled: true, label: t("errors.loadFailed") }]
    : (views.data ?? []).length === 0
      ? [{ key: "empty", disabled: true, label: t("views.empty") }]
      : (views.data ?? []).map((v) => ({
          key: String(v.id),
          label: (
            <Space>
              <span data-testid="view-item">{v.name}</span>
              {v.shared ? <span>· {t("views.shared")}</span> : null}
            </Space>
          ),
          extra: v.mine === false ? null : (
            <DeleteOutlined
              aria-label={t("common.delete")}
              onClick={(e) => {
                e.stopPropagation();
                modal.confirm({
                  title: t("views.deleteConfirm", { name: v.name }),
                  okText: t("common.delete"),
                  cancelText: t("common.cancel"),
                  okButtonProps: { danger: true },
                  onOk: () => remove.mutateAsync(v.id).catch(() => undefined),
                });
              }}
            />
          ),
        }));

  return (
    <>
      <Space.Compact>
        <Dropdown
          trigger={["click"]}
          menu={{
            items,
            onClick: ({ key }) => {
              const view = views.data?.find((v) => String(v.id) === key);
              if (view) onApply(view.query);
            },
          }}
        >
          <Button loading={views.isPending} data-testid="views-menu">
            {t("views.title")} <DownOutlined />
          </Button>
        </Dropdown>
        <Button icon={<SaveOutlined />} onClick={() => setSaving(true)} data-testid="views-save">
          {t("views.save")}
        </Button>
      </Space.Compact>
      <Modal
        open={saving}
        title={t("views.saveTitle")}
        okText={t("common.save")}
        cancelText={t("common.cancel")}
        confirmLoading={save.isPending}
        onOk={() => form.submit()}
        onCancel={() => setSaving(false)}
        destroyOnHidden
      >
        <FormError error={save.error} />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ shared: false }}
          onFinish={(v) =>
            save.mutate(
              { name: v.name.trim(), shared: v.shared, query: current },
              {
                onSuccess: () => {
                  setSaving(false);
                  void message.success(t("views.saved"));
                },
              },
            )
          }
        >
          <Form.Item name="name" label={t("common.name")} rules={[{ required: true, whitespace: true, message: t("validation.required") }, { max: 80 }]}>
            <Input data-testid="views-name" />
          </Form.Item>
          <Form.Item name="shared" valuePropName="checked">
            <Checkbox>{t("views.shareWithAll")}</Checkbox>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
