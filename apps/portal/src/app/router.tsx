import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { useSession } from '../shared/auth/session';
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
        ...standalonePages.map((page): RouteObject => ({
          path: page.path,
          lazy: async () => ({ Component: await page.load() }),
        })),
        {
          // The frame (menu, header) and the guard load with the first page that needs them, so
          // the login page's initial JavaScript carries neither.
          lazy: async () => {
            const { PortalLayout } = await import('../shared/layout/portal-layout');
            return { element: <PortalLayout pages={portalPages} /> };
          },
          children: [
            { index: true, element: <HomeRedirect /> },
            ...portalPages.map((page): RouteObject => ({
              path: page.path,
              lazy: async () => {
                const [{ RoleGuard }, Page] = await Promise.all([
                  import('../shared/auth/role-guard'),
                  page.load(),
                ]);
                return {
                  element: (
                    <RoleGuard roles={page.roles}>
                      <Page />
                    </RoleGuard>
                  ),
                };
              },
            })),
            {
              path: '*',
              lazy: async () => ({
                Component: (await import('../shared/ui/not-found-page')).NotFoundPage,
              }),
            },
          ],
        },
      ],
    },
  ];
}

export function createPortalRouter() {
  return createBrowserRouter(buildRoutes());
}
