import { Drawer, Grid, Layout } from "antd";
import { Suspense, useState } from "react";
import { Outlet } from "react-router-dom";
import { PageSpin } from "../../components/Loading";
import { Brand } from "./Brand";
import { HeaderBar } from "./HeaderBar";
import { NavMenu } from "./NavMenu";

/** The signed-in layout: side navigation (a drawer on a phone), header, and the page. */
export function Shell() {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a wide screen.
  const phone = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: "100vh" }}>
      {phone ? (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={260} styles={{ body: { padding: 0 } }} title={<Brand />}>
          <NavMenu onNavigate={() => setDrawerOpen(false)} />
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          breakpoint="lg"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={220}
          // Its own scroll, kept in view: the navigation is longer than a laptop's screen, and the
          // collapse trigger (fixed at the bottom) must not cover its last entries.
          style={{ borderRight: "1px solid rgba(5,5,5,0.06)", position: "sticky", top: 0, height: "100vh", overflow: "auto", scrollbarWidth: "thin" }}
        >
          <Brand padded compact={collapsed} />
          <NavMenu />
          <div style={{ height: 48 }} aria-hidden />
        </Layout.Sider>
      )}
      <Layout>
        <HeaderBar onOpenMenu={phone ? () => setDrawerOpen(true) : undefined} />
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
