import {
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  EditOutlined,
  FileDoneOutlined,
  FileExclamationOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  PrinterOutlined,
  ScheduleOutlined,
  SendOutlined,
  SolutionOutlined,
  TeamOutlined,
  UploadOutlined,
  UserSwitchOutlined,
  WarningOutlined,
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
  {
    path: '/login',
    title: '登录',
    load: () => import('../features/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: '/register',
    title: '用人单位注册',
    load: () => import('../features/employer-account/register-page').then((m) => m.RegisterPage),
  },
  {
    path: '/verify',
    title: '电子协议书核验',
    load: () => import('../features/verify/verify-file-page').then((m) => m.VerifyFilePage),
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
    load: () =>
      import('../features/employer-recruiting/positions-page').then((m) => m.PositionsPage),
  },
  {
    path: '/employer/applications',
    title: '简历与面试',
    roles: ['EMPLOYER'],
    menu: { group: '校招平台', icon: <ScheduleOutlined /> },
    load: () =>
      import('../features/employer-recruiting/applications-page').then((m) => m.ApplicationsPage),
  },
  {
    path: '/employer/agreements',
    title: '签约管理',
    roles: ['EMPLOYER'],
    menu: { group: '签约管理', icon: <FileDoneOutlined /> },
    load: () =>
      import('../features/employer-signing/agreements-page').then((m) => m.AgreementsPage),
  },
  {
    path: '/employer/agreements/new',
    title: '直接签约',
    roles: ['EMPLOYER'],
    menu: { group: '签约管理', icon: <AuditOutlined /> },
    load: () =>
      import('../features/employer-signing/direct-signing-page').then((m) => m.DirectSigningPage),
  },
  {
    path: '/employer/agreements/:agreementId',
    title: '协议详情',
    roles: ['EMPLOYER'],
    load: () =>
      import('../features/employer-signing/agreement-detail-page').then(
        (m) => m.AgreementDetailPage,
      ),
  },
  {
    path: '/employer/qualification-documents',
    title: '资质证明材料',
    roles: ['EMPLOYER'],
    menu: { group: '单位信息', icon: <FileProtectOutlined /> },
    load: () =>
      import('../features/employer-account/qualification-documents-page').then(
        (m) => m.QualificationDocumentsPage,
      ),
  },
  {
    path: '/employer/profile',
    title: '单位信息',
    roles: ['EMPLOYER'],
    menu: { group: '单位信息', icon: <TeamOutlined /> },
    load: () => import('../features/employer-account/profile-page').then((m) => m.ProfilePage),
  },

  // School, department, counsellor and province pages (part B).
  {
    path: '/review',
    title: '网络签约管理',
    roles: ['DEPARTMENT_STAFF', 'SCHOOL_ADMIN'],
    menu: { group: '网络签约管理', icon: <AuditOutlined /> },
    load: () => import('../features/review/review-queue-page').then((m) => m.ReviewQueuePage),
  },
  {
    path: '/review/:taskId',
    title: '协议审核',
    roles: ['DEPARTMENT_STAFF', 'SCHOOL_ADMIN'],
    load: () => import('../features/review/review-detail-page').then((m) => m.ReviewDetailPage),
  },
  {
    path: '/print-records',
    title: '协议书打印管理',
    roles: ['DEPARTMENT_STAFF', 'SCHOOL_ADMIN'],
    menu: { group: '网络签约管理', icon: <PrinterOutlined /> },
    load: () => import('../features/print/print-records-page').then((m) => m.PrintRecordsPage),
  },
  {
    path: '/terminations',
    title: '解约申请登记表',
    roles: ['COUNSELLOR', 'SCHOOL_ADMIN'],
    menu: { group: '就业派遣', icon: <FileExclamationOutlined /> },
    load: () =>
      import('../features/terminations/terminations-page').then((m) => m.TerminationsPage),
  },
  {
    path: '/terminations/:id',
    title: '解约申请',
    roles: ['COUNSELLOR', 'SCHOOL_ADMIN'],
    load: () =>
      import('../features/terminations/termination-detail-page').then(
        (m) => m.TerminationDetailPage,
      ),
  },
  {
    path: '/graduates',
    title: '毕业生名单',
    roles: ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'],
    menu: { group: '生源与毕业生', icon: <TeamOutlined /> },
    load: () => import('../features/roster/graduates-page').then((m) => m.GraduatesPage),
  },
  {
    path: '/roster/import',
    title: '生源信息导入',
    roles: ['SCHOOL_ADMIN'],
    menu: { group: '生源与毕业生', icon: <UploadOutlined /> },
    load: () => import('../features/roster/roster-import-page').then((m) => m.RosterImportPage),
  },
  {
    path: '/corrections',
    title: '生源信息更正审核',
    roles: ['SCHOOL_ADMIN'],
    menu: { group: '生源与毕业生', icon: <EditOutlined /> },
    load: () => import('../features/roster/corrections-page').then((m) => m.CorrectionsPage),
  },
  {
    path: '/paper-forms',
    title: '纸质协议书',
    roles: ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'],
    menu: { group: '生源与毕业生', icon: <FileTextOutlined /> },
    load: () => import('../features/roster/paper-forms-page').then((m) => m.PaperFormsPage),
  },
  {
    path: '/staff',
    title: '账号管理',
    roles: ['SCHOOL_ADMIN'],
    menu: { group: '学校管理', icon: <UserSwitchOutlined /> },
    load: () => import('../features/staff/staff-page').then((m) => m.StaffPage),
  },
  {
    path: '/statistics',
    title: '网签统计',
    roles: ['PROVINCE_ADMIN', 'SCHOOL_ADMIN'],
    menu: { group: '统计与运维', icon: <BarChartOutlined /> },
    load: () => import('../features/statistics/statistics-page').then((m) => m.StatisticsPage),
  },
  {
    path: '/schools',
    title: '学校管理',
    roles: ['PROVINCE_ADMIN'],
    menu: { group: '统计与运维', icon: <BankOutlined /> },
    load: () => import('../features/schools/schools-page').then((m) => m.SchoolsPage),
  },
  {
    path: '/dispatch',
    title: '派遣记录',
    roles: ['PROVINCE_ADMIN'],
    menu: { group: '统计与运维', icon: <SendOutlined /> },
    load: () => import('../features/dispatch/dispatch-page').then((m) => m.DispatchPage),
  },
  {
    path: '/parked-events',
    title: '搁置事件',
    roles: ['PROVINCE_ADMIN'],
    menu: { group: '统计与运维', icon: <WarningOutlined /> },
    load: () => import('../features/dispatch/parked-events-page').then((m) => m.ParkedEventsPage),
  },
];
