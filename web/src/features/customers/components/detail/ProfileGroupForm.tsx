import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { CustomerDetail } from "../../api/types";
import { usePatchCustomer } from "../../hooks/useCustomer";
import { asText, profileDiff, type Entry } from "./profileDiff";

/** Edits one profile group as a list of key → text pairs. */
export function ProfileGroupForm({ customer, group, onDone }: { customer: CustomerDetail; group: string; onDone: () => void }) {
  const { t } = useTranslation();
  const patch = usePatchCustomer(customer);
  const before = customer.profile?.[group] ?? {};
  const initial: Entry[] = Object.entries(before).map(([key, value]) => ({ key, value: asText(value) }));

  const save = ({ entries = [] }: { entries?: Entry[] }) => {
    const changes = profileDiff(before, entries.map((e) => ({ key: e.key, value: e.value ?? "" })));
    if (Object.keys(changes).length === 0) return onDone();
    patch.mutate({ profile: { [group]: changes } }, { onSuccess: onDone });
  };

  return (
    <Form layout="vertical" initialValues={{ entries: initial }} onFinish={save} data-testid={`profile-form-${group}`}>
      <Form.List name="entries">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="flex-start" wrap>
                <Form.Item
                  name={[field.name, "key"]}
                  style={{ flex: "1 1 160px", marginBottom: 8 }}
                  rules={[
                    { required: true, whitespace: true, message: t("customer.profile.keyRequired") },
                    { max: 64 },
                    ({ getFieldValue }) => ({
                      validator: (_, v: string | undefined) => {
                        const keys = ((getFieldValue("entries") as Entry[] | undefined) ?? []).map((e) => e?.key?.trim());
                        return v && keys.filter((k) => k === v.trim()).length > 1 ? Promise.reject(new Error(t("customer.profile.keyDuplicate"))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <Input placeholder={t("customer.profile.key")} aria-label={t("customer.profile.key")} />
                </Form.Item>
                <Form.Item name={[field.name, "value"]} style={{ flex: "2 1 220px", marginBottom: 8 }} rules={[{ max: 2000 }]}>
                  <Input placeholder={t("customer.profile.value")} aria-label={t("customer.profile.value")} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("common.delete")} />
              </Flex>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: "", value: "" })} block style={{ marginBottom: 12 }} data-testid="profile-add-field">
              {t("customer.profile.addField")}
            </Button>
          </>
        )}
      </Form.List>
      <Flex gap={8} justify="flex-end">
        <Button onClick={onDone}>{t("common.cancel")}</Button>
        <Button type="primary" htmlType="submit" loading={patch.isPending} data-testid="profile-save">
          {t("common.save")}
        </Button>
      </Flex>
    </Form>
  );
}
