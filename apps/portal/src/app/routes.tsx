import {
  AuditOutlined,
  FileDoneOutlined,
  FileProtectOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
} from '@ant-design/icons';
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
  {
    path: '/register',
    title: '用人单位注册',
    load: () => import('../features/employer-account/register-page').then((m) => m.RegisterPage),
  },
  {
    path: '/verify/:token',
    title: '协议书核验',
    load: () => import('../features/verify/verify-page').then((m) => m.VerifyPage),
  },
  {
    path: '/qr/:token',
    title: '扫码签约',
    load: () => import('../features/qr-signing/qr-signing-page').then((m) => m.QrSigningPage),
  },
];

export const portalPages: PortalPage[] = [
  {
    path: '/account/password',
    title: '修改密码',
    roles: STAFF_AND_EMPLOYERS,
    load: () => import('../features/auth/change-password-page').then((m) => m.ChangePasswordPage),
  },

  // Employer: 校招平台 and 签约管理
  {
    path: '/employer/positions',
    title: '岗位管理',
    roles: ['EMPLOYER'],
    menu: { group: '校招平台', icon: <SolutionOutlined /> },
    load: () => import('../features/employer-recruiting/positions-page').then((m) => m.PositionsPage),
  },
  {
    path: '/employer/applications',
    title: '简历与面试',
    roles: ['EMPLOYER'],
    menu: { group: '校招平台', icon: <ScheduleOutlined /> },
    load: () => import('../features/employer-recruiting/applications-page').then((m) => m.ApplicationsPage),
  },
  {
    path: '/employer/agreements',
    title: '签约管理',
    roles: ['EMPLOYER'],
    menu: { group: '签约管理', icon: <FileDoneOutlined /> },
    load: () => import('../features/employer-signing/agreements-page').then((m) => m.AgreementsPage),
  },
  {
    path: '/employer/agreements/new',
    title: '直接签约',
    roles: ['EMPLOYER'],
    menu: { group: '签约管理', icon: <AuditOutlined /> },
    load: () => import('../features/employer-signing/direct-signing-page').then((m) => m.DirectSigningPage),
  },
  {
    path: '/employer/agreements/:agreementId',
    title: '协议详情',
    roles: ['EMPLOYER'],
    load: () => import('../features/employer-signing/agreement-detail-page').then((m) => m.AgreementDetailPage),
  },
  {
    path: '/employer/qualification-documents',
    title: '资质证明材料',
    roles: ['EMPLOYER'],
    menu: { group: '单位信息', icon: <FileProtectOutlined /> },
    load: () =>
      import('../features/employer-account/qualification-documents-page').then((m) => m.QualificationDocumentsPage),
  },
  {
    path: '/employer/profile',
    title: '单位信息',
    roles: ['EMPLOYER'],
    menu: { group: '单位信息', icon: <TeamOutlined /> },
    load: () => import('../features/employer-account/profile-page').then((m) => m.ProfilePage),
  },

  // School, department, counsellor and province pages (part B) go here.
];
