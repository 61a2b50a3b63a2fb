import { Card, Descriptions, Flex, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ComplaintLinkButton } from "../../../public-feedback/components/ComplaintLinkButton";
import type { CustomerDetail } from "../../api/types";
import { StateTag } from "../shared/StateTag";
import { ChangeStateButton } from "./ChangeStateButton";
import { TagsEditor } from "./TagsEditor";

/** Name, kind, state, ids, owner and tags: who this is, at a glance. */
export function HeaderCard({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="customer-title">
            {c.name ?? t("common.unnamed")}
          </Typography.Title>
          <Tag>{t(`kinds.${c.kind}`)}</Tag>
          <StateTag state={c.state} />
        </Flex>
        {editable ? (
          <Flex gap={8} wrap>
            <ComplaintLinkButton customerId={c.id} />
            <ChangeStateButton customer={c} />
          </Flex>
        ) : null}
      </Flex>
      <Descriptions
        size="small"
        style={{ marginTop: 12 }}
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: "externalId", label: t("customers.externalId"), children: <Typography.Text copyable>{c.externalId}</Typography.Text> },
          { key: "owner", label: t("customers.owner"), children: c.owner?.name ?? t("customers.unassigned") },
          { key: "id", label: t("customer.recordId"), children: c.id },
          { key: "version", label: t("customer.version"), children: <span data-testid="customer-version">{c.version}</span> },
          { key: "tags", label: t("customers.tags"), span: "filled", children: <TagsEditor customer={c} editable={editable} /> },
        ]}
      />
    </Card>
  );
}
