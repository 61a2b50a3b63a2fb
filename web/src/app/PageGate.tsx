import { Result } from "antd";
import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageSpin } from "../components/Loading";
import { useRole } from "../features/auth/hooks/useSession";
import type { PageDef } from "./pages";

/** Renders a registry page for the roles it allows; others get a 403 (the server refuses them too). */
export function PageGate({ page }: { page: PageDef }) {
  const { t } = useTranslation();
  const role = useRole();
  if (page.roles && (!role || !page.roles.includes(role))) {
    return <Result status="403" title={t("errors.FORBIDDEN")} subTitle={t("shell.forbidden")} />;
  }
  const Page = page.element;
  return (
    <Suspense fallback={<PageSpin />}>
      <Page />
    </Suspense>
  );
}
