import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { loginPath } from './login-redirect';
import { ROLE_LABELS, type Role } from './roles';
import { useSession } from './session';

export interface RoleGuardProps {
  /** Roles that may open the page. */
  roles: readonly Role[];
  children: ReactNode;
}

/**
 * Lets through the roles a page is for. Signed out → the login page, which brings the person back
 * here afterwards; signed in with another role → a clear refusal (无权访问), never a blank page.
 */
export function RoleGuard({ roles, children }: RoleGuardProps) {
  const { claims } = useSession();
  const location = useLocation();
  if (!claims) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (!roles.includes(claims.role)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle={`您当前的身份是「${ROLE_LABELS[claims.role]}」，此页面仅对${roles.map((r) => `「${ROLE_LABELS[r]}」`).join('、')}开放。`}
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    );
  }
  return <>{children}</>;
}
