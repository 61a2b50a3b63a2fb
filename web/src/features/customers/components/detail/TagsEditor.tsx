import { EditOutlined } from "@ant-design/icons";
import { Button, Flex, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomerDetail } from "../../api/types";
import { usePatchCustomer } from "../../hooks/useCustomer";
import { TagSelect } from "../shared/TagSelect";

/** The customer's tags, changed in place. */
export function TagsEditor({ customer, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const patch = usePatchCustomer(customer);
  const [draft, setDraft] = useState<string[] | null>(null);

  if (draft) {
    return (
      <Flex gap={8} wrap style={{ width: "100%" }}>
        <div style={{ flex: "1 1 240px" }}>
          <TagSelect allowNew value={draft} onChange={setDraft} />
        </div>
        <Button onClick={() => setDraft(null)}>{t("common.cancel")}</Button>
        <Button type="primary" loading={patch.isPending} onClick={() => patch.mutate({ tags: draft }, { onSuccess: () => setDraft(null) })} data-testid="tags-save">
          {t("common.save")}
        </Button>
      </Flex>
    );
  }
  return (
    <Flex gap={4} wrap align="center">
      {customer.tags.length ? customer.tags.map((tg) => <Tag key={tg}>{tg}</Tag>) : <Typography.Text type="secondary">{t("customer.noTags")}</Typography.Text>}
      {editable ? (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDraft(customer.tags)} data-testid="field-edit-tags">
          {t("common.edit")}
        </Button>
      ) : null}
    </Flex>
  );
}
