import { Alert, Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api/errors";
import { errorText } from "./errorText";

interface Props {
  error: unknown;
  onRetry?: () => void;
  /** A compact banner inside a card instead of a whole-page result. */
  inline?: boolean;
}

/** The error state of a page or a card: what went wrong, in the server's words, and a retry. */
export function ErrorResult({ error, onRetry, inline }: Props) {
  const { t } = useTranslation();
  const { title, detail } = errorText(t, error);
  const retry = onRetry ? (
    <Button onClick={onRetry} data-testid="retry">
      {t("common.retry")}
    </Button>
  ) : undefined;
  if (inline) return <Alert type="error" showIcon title={title} description={detail} action={retry} />;
  const status = isApiError(error) && (error.status === 403 || error.status === 404) ? (String(error.status) as "403" | "404") : "error";
  return <Result status={status} title={title} subTitle={detail} extra={retry} />;
}
