import { App, Button, Card, Flex, Form, Modal, Typography } from "antd";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../../components/FormError";
import { bulkChange, type BulkChange } from "../../api/customers.api";
import { OwnerSelect, UNASSIGNED } from "../shared/OwnerSelect";
import { TagSelect } from "../shared/TagSelect";

type Action = "addTags" | "removeTags" | "owner";

/** Tags or assigns every selected customer at once (POST /api/customers/bulk). */
export function BulkActions({ ids, onDone }: { ids: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [action, setAction] = useState<Action | null>(null);
  const [form] = Form.useForm<{ tags?: string[]; ownerId?: string }>();
  const mutation = useMutation({
    mutationFn: (change: BulkChange) => bulkChange(change),
    onSuccess: (res) => {
      void message.success(t("customers.bulk.done", { count: res?.changed ?? ids.length }));
      void qc.invalidateQueries({ queryKey: ["customers"] });
      void qc.invalidateQueries({ queryKey: ["tags"] });
      setAction(null);
      onDone();
    },
  });

  const submit = (v: { tags?: string[]; ownerId?: string }) => {
    if (action === "addTags") mutation.mutate({ ids, addTags: v.tags ?? [] });
    if (action === "removeTags") mutation.mutate({ ids, removeTags: v.tags ?? [] });
    if (action === "owner") mutation.mutate({ ids, ownerId: v.ownerId === UNASSIGNED ? null : Number(v.ownerId) });
  };
  const open = (a: Action) => {
    mutation.reset();
    setAction(a);
  };

  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="bulk-actions">
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{t("customers.bulk.selected", { count: ids.length })}</Typography.Text>
        <Button onClick={() => open("addTags")} data-testid="bulk-add-tag">{t("customers.bulk.addTags")}</Button>
        <Button onClick={() => open("removeTags")} data-testid="bulk-remove-tag">{t("customers.bulk.removeTags")}</Button>
        <Button onClick={() => open("owner")} data-testid="bulk-assign">{t("customers.bulk.assign")}</Button>
        <Button type="link" onClick={onDone}>{t("customers.bulk.clear")}</Button>
      </Flex>
      <Modal
        open={action !== null}
        title={action ? t(`customers.bulk.${action === "owner" ? "assign" : action}`) : null}
        okText={t("common.apply")}
        cancelText={t("common.cancel")}
        confirmLoading={mutation.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("customers.bulk.appliesTo", { count: ids.length })}</Typography.Paragraph>
        <FormError error={mutation.error} />
        <Form form={form} layout="vertical" onFinish={submit}>
          {action === "owner" ? (
            <Form.Item name="ownerId" label={t("customers.owner")} rules={[{ required: true, message: t("validation.required") }]}>
              <OwnerSelect withUnassigned allowClear={false} />
            </Form.Item>
          ) : (
            <Form.Item name="tags" label={t("customers.tags")} rules={[{ required: true, message: t("validation.required") }]}>
              <TagSelect allowNew={action === "addTags"} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
