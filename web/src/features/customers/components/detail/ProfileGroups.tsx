import { EditOutlined } from "@ant-design/icons";
import { Button, Card, Collapse, Descriptions, Empty, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { label } from "../../../../i18n/label";
import { ENTERPRISE_GROUPS, INDIVIDUAL_GROUPS, type CustomerDetail } from "../../api/types";
import { asText } from "./profileDiff";
import { ProfileGroupForm } from "./ProfileGroupForm";

/** The archive's profile groups (DOMAIN §2) as collapsible key → value lists, edited in place. */
export function ProfileGroups({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [open, setOpen] = useState<string[]>(() => Object.keys(c.profile ?? {}).filter((g) => Object.keys(c.profile?.[g] ?? {}).length > 0).slice(0, 2));
  const known: readonly string[] = c.kind === "enterprise" ? ENTERPRISE_GROUPS : INDIVIDUAL_GROUPS;
  // Groups the record holds beyond its kind's own (kept from before a change of kind) still show.
  const groups = [...known, ...Object.keys(c.profile ?? {}).filter((g) => !known.includes(g))];

  const items = groups.map((group) => {
    const fields = c.profile?.[group] ?? {};
    const keys = Object.keys(fields);
    const body =
      editing === group ? (
        <ProfileGroupForm customer={c} group={group} onDone={() => setEditing(null)} />
      ) : keys.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={editable ? t("customer.profile.emptyEditable") : t("customer.profile.empty")} />
      ) : (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={keys.map((k) => {
            const source = c.fieldSources?.[`${group}.${k}`];
            return {
              key: k,
              label: k,
              children: (
                <>
                  <Typography.Text>{asText(fields[k]) || "—"}</Typography.Text>
                  {source ? <Tag style={{ marginInlineStart: 8 }}>{t("customer.profile.source", { source })}</Tag> : null}
                </>
              ),
            };
          })}
        />
      );
    return {
      key: group,
      label: `${label(t, "profileGroups", group)} (${keys.length})`,
      extra:
        editable && editing !== group ? (
          <Button
            size="small"
            type="link"
            icon={<EditOutlined />}
            data-testid={`field-edit-${group}`}
            onClick={(e) => {
              e.stopPropagation();
              setEditing(group);
              setOpen((o) => (o.includes(group) ? o : [...o, group]));
            }}
          >
            {t("common.edit")}
          </Button>
        ) : null,
      children: body,
    };
  });

  return (
    <Card title={t("customer.profile.title")} styles={{ body: { padding: 0 } }}>
      <div data-testid="profile-groups">
      <Collapse
        bordered={false}
        items={items}
        activeKey={open}
        onChange={(keys) => setOpen(Array.isArray(keys) ? keys : [keys])}
      />
      </div>
    </Card>
  );
}
