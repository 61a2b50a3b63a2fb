import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("shell.notFound")}
      extra={
        <Link to="/customers">
          <Button type="primary">{t("shell.backHome")}</Button>
        </Link>
      }
    />
  );
}
