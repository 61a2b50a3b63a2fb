import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { errorText } from "./errorText";

/** The server's refusal of a form, shown above its fields. */
export function FormError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { title, detail } = errorText(t, error);
  return <Alert type="error" showIcon title={title} description={detail} style={{ marginBottom: 16 }} data-testid="form-error" />;
}
