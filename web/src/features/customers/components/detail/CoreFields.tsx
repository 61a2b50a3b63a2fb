import { EditOutlined } from "@ant-design/icons";
import { Button, Card, Col, Descriptions, Flex, Form, Input, Row, Select } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { CUSTOMER_KINDS, type CustomerDetail, type CustomerKind } from "../../api/types";
import { usePatchCustomer } from "../../hooks/useCustomer";
import { useFieldRules } from "../../hooks/useFieldRules";
import { OwnerSelect, UNASSIGNED } from "../shared/OwnerSelect";

interface Values {
  name?: string;
  email?: string;
  phone?: string;
  kind: CustomerKind;
  sourceChannel?: string;
  ownerId?: string;
}

const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/** Name, e-mail, phone, kind, source channel and owner; edited in place. */
export function CoreFields({ customer: c, editable }: { customer: CustomerDetail; editable: boolean }) {
  const { t } = useTranslation();
  const rules = useFieldRules();
  const patch = usePatchCustomer(c);
  const [editing, setEditing] = useState(false);

  const save = (v: Values) =>
    patch.mutate(
      {
        name: orNull(v.name),
        email: orNull(v.email),
        phone: orNull(v.phone),
        kind: v.kind,
        sourceChannel: orNull(v.sourceChannel),
        ownerId: !v.ownerId || v.ownerId === UNASSIGNED ? null : Number(v.ownerId),
      },
      { onSuccess: () => setEditing(false) },
    );

  const edit = editable && !editing ? (
    <Button type="link" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="field-edit-core">
      {t("common.edit")}
    </Button>
  ) : null;

  return (
    <Card title={t("customer.core.title")} extra={edit} style={{ marginBottom: 16 }}>
      {editing ? (
        <Form<Values>
          layout="vertical"
          initialValues={{ ...c, name: c.name ?? "", email: c.email ?? "", phone: c.phone ?? "", sourceChannel: c.sourceChannel ?? "", ownerId: c.owner ? String(c.owner.id) : UNASSIGNED }}
          onFinish={save}
          data-testid="core-form"
        >
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t("common.name")} rules={rules.name}>
                <Input data-testid="core-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="kind" label={t("customers.kind")}>
                <Select options={CUSTOMER_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="email" label={t("common.email")} rules={rules.email}>
                <Input type="email" data-testid="core-email" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="phone" label={t("common.phone")} rules={rules.phone}>
                <Input type="tel" data-testid="core-phone" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="sourceChannel" label={t("customers.sourceChannel")}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="ownerId" label={t("customers.owner")}>
                <OwnerSelect withUnassigned allowClear={false} />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={8} justify="flex-end">
            <Button onClick={() => setEditing(false)}>{t("common.cancel")}</Button>
            <Button type="primary" htmlType="submit" loading={patch.isPending} data-testid="core-save">
              {t("common.save")}
            </Button>
          </Flex>
        </Form>
      ) : (
        <Descriptions
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "name", label: t("common.name"), children: c.name ?? "—" },
            { key: "kind", label: t("customers.kind"), children: t(`kinds.${c.kind}`) },
            { key: "email", label: t("common.email"), children: c.email ?? "—" },
            { key: "phone", label: t("common.phone"), children: c.phone ?? "—" },
            { key: "source", label: t("customers.sourceChannel"), children: c.sourceChannel ?? "—" },
            { key: "owner", label: t("customers.owner"), children: c.owner ? `${c.owner.name} <${c.owner.email}>` : t("customers.unassigned") },
            { key: "referredBy", label: t("customer.core.referredBy"), children: c.referredBy ? <Link to={`/customers/${c.referredBy}`}>{c.referredBy}</Link> : "—" },
            { key: "identities", label: t("customer.core.identities"), children: c.identities.map((i) => `${i.source}: ${i.externalId}`).join(", ") || "—" },
          ]}
        />
      )}
    </Card>
  );
}
