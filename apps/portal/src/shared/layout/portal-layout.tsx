import { DownOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import {
  App as AntdApp,
  Button,
  Dropdown,
  Layout,
  Menu,
  Space,
  Typography,
  type MenuProps,
} from 'antd';
import { Suspense, useMemo } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { loginPath } from '../auth/login-redirect';
import { ROLE_LABELS, type Role } from '../auth/roles';
import { useSession } from '../auth/session';
import { PageLoading } from '../ui/page-loading';

export interface MenuEntry {
  path: string;
  title: string;
  roles: readonly Role[];
  menu?: { group: string; icon: React.ReactNode };
}

/** The side menu a role sees: its pages grouped as the route table says, in table order. */
export function menuItemsFor(
  role: Role,
  pages: readonly MenuEntry[],
): NonNullable<MenuProps['items']> {
  const groups = new Map<string, { key: string; label: string; icon: React.ReactNode }[]>();
  for (const page of pages) {
    if (!page.menu || !page.roles.includes(role)) continue;
    const items = groups.get(page.menu.group) ?? [];
    items.push({ key: page.path, label: page.title, icon: page.menu.icon });
    groups.set(page.menu.group, items);
  }
  return [...groups].map(([group, children]) => ({
    type: 'group' as const,
    key: group,
    label: group,
    children,
  }));
}

/** The desktop frame: a side menu for the caller's role, a header with the account and its actions. */
export function PortalLayout({ pages }: { pages: readonly MenuEntry[] }) {
  const { claims, me, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const items = useMemo(() => (claims ? menuItemsFor(claims.role, pages) : []), [claims, pages]);
  if (!claims) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  const selected = pages
    .filter((p) => p.menu && matches(p.path, location.pathname))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  const who = me?.employer?.name ?? me?.username ?? '';
  const account: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录' },
  ];
  const onAccount: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') void navigate('/account/password');
    if (key === 'logout') {
      signOut();
      void navigate('/login', { replace: true });
    }
  };
  return (
    <AntdApp>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider width={220} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '18px 24px', fontWeight: 600, fontSize: 17 }}>网签平台</div>
          <nav aria-label="主菜单">
            <Menu
              mode="inline"
              items={items}
              selectedKeys={selected ? [selected] : []}
              onClick={({ key }) => void navigate(key)}
              style={{ borderInlineEnd: 'none' }}
            />
          </nav>
        </Layout.Sider>
        <Layout>
          <Layout.Header
            style={{
              background: '#fff',
              borderBottom: '1px solid #f0f0f0',
              display: 'flex',
              justifyContent: 'flex-end',
              alignItems: 'center',
              paddingInline: 24,
            }}
          >
            <Dropdown menu={{ items: account, onClick: onAccount }} trigger={['click']}>
              <Button type="text" aria-label="账号菜单">
                <Space>
                  <UserOutlined />
                  <span>{who}</span>
                  <Typography.Text type="secondary">{ROLE_LABELS[claims.role]}</Typography.Text>
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <main>
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            </main>
          </Layout.Content>
        </Layout>
      </Layout>
    </AntdApp>
  );
}

/** A menu entry stays selected on the pages under it (a detail page under its list). */
function matches(menuPath: string, pathname: string): boolean {
  return pathname === menuPath || pathname.startsWith(`${menuPath}/`);
}
