import { MenuOutlined } from "@ant-design/icons";
import { Button, Flex, Layout, theme } from "antd";
import { useTranslation } from "react-i18next";
import { GlobalSearch } from "./GlobalSearch";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { UserMenu } from "./UserMenu";

/** The header: menu button on a phone, global search, language and the user menu. */
export function HeaderBar({ onOpenMenu }: { onOpenMenu?: () => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Layout.Header style={{ background: token.colorBgContainer, padding: "0 12px", lineHeight: "normal", borderBottom: `1px solid ${token.colorSplit}` }}>
      <Flex align="center" gap={8} style={{ height: "100%" }}>
        {onOpenMenu ? <Button type="text" icon={<MenuOutlined />} onClick={onOpenMenu} aria-label={t("shell.openMenu")} data-testid="nav-open" /> : null}
        <div style={{ flex: 1, minWidth: 0, maxWidth: 480 }}>
          <GlobalSearch />
        </div>
        <Flex align="center" gap={4} style={{ marginInlineStart: "auto" }}>
          <LanguageSwitch />
          <UserMenu />
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
