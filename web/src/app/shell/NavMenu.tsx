import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router-dom";
import { useRole } from "../../features/auth/hooks/useSession";
import { pageFor, pages } from "../pages";

/** The side navigation, generated from the page registry and the user's role. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const role = useRole();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const visible = pages.filter((p) => !p.hidden && (!p.roles || (role && p.roles.includes(role))));
  const current = pageFor(pathname, visible);

  return (
    <Menu
      mode="inline"
      selectedKeys={current ? [current.path] : []}
      style={{ borderInlineEnd: "none" }}
      items={visible.map((p) => {
        const Icon = p.icon;
        return { key: p.path, icon: <Icon />, label: <span data-testid={`nav-${p.path.slice(1).replace(/\//g, "-")}`}>{t(p.navKey)}</span> };
      })}
      onClick={({ key }) => {
        void navigate(key);
        onNavigate?.();
      }}
    />
  );
}
