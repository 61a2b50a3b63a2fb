import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Avatar, Button, Dropdown, Grid } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { ChangePasswordModal } from "../../features/auth/components/ChangePasswordModal";
import { useLogout, useSession } from "../../features/auth/hooks/useSession";

/** The user's menu: who is signed in, API tokens, change password, sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const user = useSession().data?.user;
  const logout = useLogout();
  const phone = Grid.useBreakpoint().sm === false;
  const [passwordOpen, setPasswordOpen] = useState(false);
  if (!user) return null;

  return (
    <>
      <Dropdown
        trigger={["click"]}
        menu={{
          items: [
            { key: "who", disabled: true, label: `${user.email} · ${t(`roles.${user.role}`)}` },
            { type: "divider" },
            { key: "tokens", icon: <KeyOutlined />, label: <span data-testid="user-menu-tokens">{t("nav.tokens")}</span> },
            { key: "password", icon: <LockOutlined />, label: <span data-testid="user-menu-password">{t("auth.changePassword")}</span> },
            { type: "divider" },
            { key: "logout", icon: <LogoutOutlined />, danger: true, label: <span data-testid="user-menu-logout">{t("auth.signOut")}</span> },
          ],
          onClick: ({ key }) => {
            if (key === "tokens") void navigate("/account/tokens");
            if (key === "password") setPasswordOpen(true);
            if (key === "logout") logout.mutate();
          },
        }}
      >
        <Button type="text" data-testid="user-menu" aria-label={t("shell.userMenu")}>
          <Avatar size="small" icon={<UserOutlined />} />
          {phone ? null : user.name}
        </Button>
      </Dropdown>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </>
  );
}
