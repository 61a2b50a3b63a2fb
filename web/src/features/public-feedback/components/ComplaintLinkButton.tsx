import { LinkOutlined } from "@ant-design/icons";
import { App, Button, Modal, Typography } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "../../../components/FormError";
import { useFormat } from "../../../i18n/useFormat";
import { createComplaintLink } from "../api/publicFeedback.api";

/**
 * On the customer page: makes the customer's personal link to the public complaint form,
 * copies it, and shows it to copy again or send by hand.
 */
export function ComplaintLinkButton({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fmt = useFormat();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: () => createComplaintLink(customerId),
    onSuccess: async (link) => {
      try {
        await navigator.clipboard.writeText(link.url);
        void message.success(t("publicFeedback.link.copied"));
      } catch {
        void message.info(t("publicFeedback.link.copyFailed"));
      }
    },
  });
  const start = () => {
    setOpen(true);
    create.mutate();
  };
  return (
    <>
      <Button icon={<LinkOutlined />} onClick={start} loading={create.isPending} data-testid="customer-complaint-link">
        {t("publicFeedback.link.button")}
      </Button>
      <Modal open={open} title={t("publicFeedback.link.title")} footer={null} onCancel={() => setOpen(false)} destroyOnHidden data-testid="complaint-link-modal">
        <FormError error={create.error} />
        {create.data ? (
          <>
            <Typography.Paragraph type="secondary">{t("publicFeedback.link.help")}</Typography.Paragraph>
            <Typography.Paragraph copyable={{ text: create.data.url }} style={{ wordBreak: "break-all" }} data-testid="complaint-link-url">
              {create.data.url}
            </Typography.Paragraph>
            <Typography.Text type="secondary" data-testid="complaint-link-expires">{t("publicFeedback.link.validUntil", { date: fmt.date(create.data.expiresAt) })}</Typography.Text>
          </>
        ) : null}
      </Modal>
    </>
  );
}
