import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { Providers } from './app/providers';
import { createPortalRouter } from './app/router';
import { handleUnauthenticated } from './shared/api/client';
import { createQueryClient } from './shared/api/query-client';
import { loginPath } from './shared/auth/login-redirect';

const queryClient = createQueryClient();
const router = createPortalRouter();

// A session the gateway no longer accepts (expired, revoked): back to login, then back here.
handleUnauthenticated(() => {
  const { pathname, search } = router.state.location;
  if (pathname.startsWith('/login')) return;
  queryClient.clear();
  void router.navigate(loginPath(pathname + search), { replace: true, state: { expired: true } });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
