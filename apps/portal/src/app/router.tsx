import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { RoleGuard } from '../shared/auth/role-guard';
import { useSession } from '../shared/auth/session';
import { PortalLayout } from '../shared/layout/portal-layout';
import { NotFoundPage } from '../shared/ui/not-found-page';
import { PageLoading } from '../shared/ui/page-loading';
import { portalPages, standalonePages } from './routes';

/** `/`: the first page of the caller's menu (signed out: the login page). */
function HomeRedirect() {
  const { claims } = useSession();
  if (!claims) return <Navigate to="/login" replace />;
  const first = portalPages.find((p) => p.menu && p.roles.includes(claims.role));
  return first ? <Navigate to={first.path} replace /> : <Navigate to="/account/password" replace />;
}

export function buildRoutes(): RouteObject[] {
  return [
    {
      HydrateFallback: PageLoading,
      children: [
        ...standalonePages.map(
          (page): RouteObject => ({
            path: page.path,
            lazy: async () => ({ Component: await page.load() }),
          }),
        ),
        {
          element: <PortalLayout pages={portalPages} />,
          children: [
            { index: true, element: <HomeRedirect /> },
            ...portalPages.map(
              (page): RouteObject => ({
                path: page.path,
                lazy: async () => {
                  const Page = await page.load();
                  return {
                    element: (
                      <RoleGuard roles={page.roles}>
                        <Page />
                      </RoleGuard>
                    ),
                  };
                },
              }),
            ),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ];
}

export function createPortalRouter() {
  return createBrowserRouter(buildRoutes());
}
