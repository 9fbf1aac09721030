import { TERMS_EXAMPLE } from './signing-views.js';

/* Example request bodies shown in the OpenAPI document (Chinese where people write the text). */

const GRADUATE_IDENTITY = {
  schoolCode: '10357',
  name: '李明',
  studentNo: '2022010101',
  idNumber: '340104200301015112',
};
const POSITION_ID = '7d6c5b4a-3f2e-4d1c-8b0a-1234567890ab';

export const REQUEST_EXAMPLES = {
  login: { username: 'hr-xingchen', password: 'a-strong-password' },
  wechatLogin: { code: '0a3Xb2000abcDEF1gH2iJ3kL4mN5' },
  wechatBind: GRADUATE_IDENTITY,
  registerEmployer: {
    creditCode: '91350100M000100Y43',
    name: '合肥星辰科技有限公司',
    nature: '民营企业',
    industry: '信息技术',
    address: '合肥市高新区望江西路 800 号',
    hasHiringAutonomy: true,
    contactName: '王晓丽',
    contactPhone: '0551-65551234',
    username: 'hr-xingchen',
    password: 'a-strong-password',
  },
  createSchool: {
    code: '10357',
    name: '安徽大学',
    departments: [
      { code: 'CS', name: '计算机学院' },
      { code: 'LAW', name: '法学院' },
    ],
  },
  createStaff: {
    username: 'cs-teacher',
    password: 'a-strong-password',
    role: 'DEPARTMENT_STAFF',
    departmentCode: 'CS',
  },
  signDirect: { positionId: POSITION_ID, graduate: GRADUATE_IDENTITY, terms: TERMS_EXAMPLE },
  signQrCard: { positionId: POSITION_ID, terms: TERMS_EXAMPLE },
  setDestination: { destination: 'SIGNED_OFFLINE', note: '已签订纸质协议' },
  unlock: { reason: '线下协议已解除' },
  createPosition: {
    title: '后端开发工程师',
    location: '安徽省合肥市',
    headcount: 3,
    salaryRange: '8k-12k',
    description: '负责网签平台后端开发',
  },
  resume: {
    summary: '熟悉 TypeScript 与 PostgreSQL',
    education: '安徽大学 软件工程 本科',
    experience: '网签平台实习',
    skills: ['TypeScript', 'PostgreSQL'],
    phone: '13800000000',
    email: 'liming@example.com',
  },
  invite: {
    at: '2026-05-20T09:30:00+08:00',
    place: '合肥市高新区望江西路 800 号 B3 栋 12 层',
    note: '请携带简历',
    respondBy: '2026-05-18T18:00:00+08:00',
  },
  interviewResult: { passed: true, offer: { positionId: POSITION_ID, terms: TERMS_EXAMPLE } },
  review: { decision: 'REJECT', reason: '用人单位资质材料不全' },
  terminationDecision: { decision: 'DISAGREE', reason: '解约材料不全，请补充单位同意函' },
  correction: { changes: { major: '软件工程' }, reason: '专业名称有误' },
  correctionDecision: { decision: 'REJECT', reason: '与学籍档案不一致' },
  deactivate: { reason: '已调离本校' },
  paperForm: { formNo: 'AH2026-000123' },
  paperFormReissue: { formNo: 'AH2026-000124', reason: '原协议书遗失' },
} as const;
