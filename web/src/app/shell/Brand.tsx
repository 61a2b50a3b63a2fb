import { HeartOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

/** The app's name, linking home; only its mark when the side navigation is collapsed. */
export function Brand({ padded, compact }: { padded?: boolean; compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/customers" aria-label={t("app.name")} style={{ display: "block", padding: padded ? (compact ? "16px 0" : "16px 24px") : 0, textAlign: compact ? "center" : undefined }}>
      <Typography.Text strong style={{ fontSize: 18, whiteSpace: "nowrap" }}>
        {compact ? <HeartOutlined /> : t("app.name")}
      </Typography.Text>
    </Link>
  );
}
