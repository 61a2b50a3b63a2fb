import { Button, Modal } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FormError } from "./FormError";
import { SecretOnce } from "./SecretOnce";

interface Props {
  open: boolean;
  title: string;
  /** The secret the creation returned (shown once, in place of the form), if it has. */
  secret: string | undefined;
  pending: boolean;
  error: unknown;
  /** Submits the form. */
  onSubmit: () => void;
  /** Closes, forgetting the secret. */
  onClose: () => void;
  submitTestId: string;
  secretTestId: string;
  /** Said under the secret. */
  secretHelp?: ReactNode;
  /** The form. */
  children: ReactNode;
}

/** A dialog that creates something with a secret (an API token, a webhook) and then shows the secret once. */
export function CreateWithSecretModal(p: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      open={p.open}
      title={p.title}
      onCancel={p.onClose}
      destroyOnHidden
      footer={
        p.secret ? (
          <Button type="primary" onClick={p.onClose}>
            {t("common.done")}
          </Button>
        ) : (
          <>
            <Button onClick={p.onClose}>{t("common.cancel")}</Button>
            <Button type="primary" loading={p.pending} onClick={p.onSubmit} data-testid={p.submitTestId}>
              {t("common.create")}
            </Button>
          </>
        )
      }
    >
      {p.secret ? (
        <>
          <SecretOnce secret={p.secret} testId={p.secretTestId} />
          {p.secretHelp ? <p>{p.secretHelp}</p> : null}
        </>
      ) : (
        <>
          <FormError error={p.error} />
          {p.children}
        </>
      )}
    </Modal>
  );
}
