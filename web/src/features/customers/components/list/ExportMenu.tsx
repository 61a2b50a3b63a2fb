import { DownloadOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { exportUrl } from "../../api/customers.api";

/** Downloads the list as it is filtered and sorted now, as CSV or Excel. */
export function ExportMenu({ params }: { params: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        items: (["csv", "xlsx"] as const).map((format) => ({
          key: format,
          label: (
            <a href={exportUrl(format, params)} download data-testid={`customer-export-${format}`}>
              {t(`customers.export.${format}`)}
            </a>
          ),
        })),
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="customer-export">
        {t("customers.export.title")}
      </Button>
    </Dropdown>
  );
}
