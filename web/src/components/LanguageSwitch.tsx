import { GlobalOutlined } from "@ant-design/icons";
import { Button, Dropdown, Grid } from "antd";
import { useTranslation } from "react-i18next";
import { LANGUAGES, toLanguage } from "../i18n";

/** Switches the language; i18next remembers the choice in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const phone = Grid.useBreakpoint().sm === false;
  const current = toLanguage(i18n.language);
  return (
    <Dropdown
      trigger={["click"]}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: LANGUAGES.map((lng) => ({ key: lng, label: <span data-testid={`lang-${lng}`}>{t(`lang.${lng}`)}</span> })),
        onClick: ({ key }) => void i18n.changeLanguage(key),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="lang-switch" aria-label={t("shell.language")}>
        {phone ? null : t(`lang.${current}`)}
      </Button>
    </Dropdown>
  );
}
