import { DeleteOutlined, DownloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Input, Modal, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { eraseCustomer, personalDataUrl } from "../../api/customers.api";
import type { CustomerDetail } from "../../api/types";
import { useCustomerMutation } from "../../hooks/useCustomer";

const WORD = "ERASE";

/** Personal-data requests: hand everything over, or erase it (orders stay, anonymously). */
export function PersonalData({ customer: c }: { customer: CustomerDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const erase = useCustomerMutation(c.id, () => eraseCustomer(c.id));

  return (
    <Card title={t("customer.tabs.personalData")}>
      <Typography.Paragraph>{t("customer.personal.exportIntro")}</Typography.Paragraph>
      <Button icon={<DownloadOutlined />} href={personalDataUrl(c.id)} download={`customer-${c.id}-personal-data.json`} data-testid="personal-data-export">
        {t("customer.personal.export")}
      </Button>
      <Alert
        type="error"
        style={{ marginTop: 24 }}
        title={t("customer.personal.eraseTitle")}
        description={
          <Flex vertical gap={8} align="flex-start">
            {t("customer.personal.eraseIntro")}
            <Button danger icon={<DeleteOutlined />} disabled={Boolean(c.erasedAt)} onClick={() => setOpen(true)} data-testid="personal-data-erase">
              {c.erasedAt ? t("customer.erased.title") : t("customer.personal.erase")}
            </Button>
          </Flex>
        }
      />
      <Modal
        open={open}
        title={t("customer.personal.eraseTitle")}
        okText={t("customer.personal.erase")}
        cancelText={t("common.cancel")}
        okButtonProps={{ danger: true, disabled: typed !== WORD }}
        confirmLoading={erase.isPending}
        onOk={() => erase.mutate(undefined, { onSuccess: () => setOpen(false) })}
        onCancel={() => setOpen(false)}
        afterClose={() => setTyped("")}
      >
        <Typography.Paragraph>{t("customer.personal.eraseWarning", { name: c.name ?? `#${c.id}` })}</Typography.Paragraph>
        <Typography.Paragraph>{t("customer.personal.typeToConfirm", { word: WORD })}</Typography.Paragraph>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={WORD} data-testid="erase-confirm-input" autoComplete="off" />
      </Modal>
    </Card>
  );
}
