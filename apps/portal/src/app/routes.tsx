import type { ComponentType, ReactNode } from 'react';
import type { Role } from '../shared/auth/roles';

/**
 * The one route table of the portal. Each page loads lazily (its code is fetched when first
 * opened); `roles` decide who may open it (others see 无权访问) and `menu` puts it in the side menu
 * of those roles, under `group`.
 */
export interface PortalPage {
  path: string;
  title: string;
  roles: readonly Role[];
  menu?: { group: string; icon: ReactNode };
  load: () => Promise<ComponentType>;
}

/** Pages without the side menu: signed-out pages and the phone pages a QR code opens. */
export interface StandalonePage {
  path: string;
  title: string;
  load: () => Promise<ComponentType>;
}

export const STAFF_AND_EMPLOYERS: readonly Role[] = [
  'EMPLOYER',
  'DEPARTMENT_STAFF',
  'COUNSELLOR',
  'SCHOOL_ADMIN',
  'PROVINCE_ADMIN',
];

export const standalonePages: StandalonePage[] = [
  { path: '/login', title: '登录', load: () => import('../features/auth/login-page').then((m) => m.LoginPage) },
  // Employer registration and the phone pages (/verify/:token, /qr/:token) go here.
];

export const portalPages: PortalPage[] = [
  {
    path: '/account/password',
    title: '修改密码',
    roles: STAFF_AND_EMPLOYERS,
    load: () => import('../features/auth/change-password-page').then((m) => m.ChangePasswordPage),
  },

  // Employer pages (校招平台, 签约管理) go here.

  // School, department, counsellor and province pages (part B) go here.
];
