import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { RoleGuard } from './role-guard';
import { SessionProvider } from './session';
import { setToken } from './session-store';

function tokenFor(role: string): string {
  const payload = btoa(
    JSON.stringify({ sub: 'u-1', role, exp: Math.floor(Date.now() / 1000) + 3600 }),
  )
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
  return `e30.${payload}.sig`;
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      {
        path: '/review',
        element: (
          <RoleGuard roles={['DEPARTMENT_STAFF', 'SCHOOL_ADMIN']}>
            <p>审核队列</p>
          </RoleGuard>
        ),
      },
      { path: '/login', element: <p>登录页</p> },
    ],
    { initialEntries: [path] },
  );
  const client = new QueryClient({ defaultOptions: { queries: { enabled: false } } });
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return router;
}

describe('RoleGuard', () => {
  it('refuses a role the page is not for with 无权访问, naming who may open it', () => {
    setToken(tokenFor('EMPLOYER'));
    renderAt('/review');
    expect(screen.getByText('无权访问')).toBeTruthy();
    expect(screen.getByText(/用人单位/).textContent).toContain('院系老师');
    expect(screen.queryByText('审核队列')).toBeNull();
  });

  it('lets the page’s roles through', () => {
    setToken(tokenFor('SCHOOL_ADMIN'));
    renderAt('/review');
    expect(screen.getByText('审核队列')).toBeTruthy();
  });

  it('sends a signed-out visitor to login, remembering the page', () => {
    const router = renderAt('/review?status=PENDING');
    expect(screen.getByText('登录页')).toBeTruthy();
    expect(router.state.location.search).toBe(
      `?from=${encodeURIComponent('/review?status=PENDING')}`,
    );
  });
});
