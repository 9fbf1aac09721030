import type { AgreementPrintData } from '../src/worker/agreement-print-data.js';

/** A realistic agreement for tests and the benchmark; override what a test is about. */
export function sampleAgreement(overrides: Partial<AgreementPrintData> = {}): AgreementPrintData {
  return {
    agreementNo: 'AH2026-10357-000123',
    graduate: {
      name: '李明',
      gender: '男',
      idNumber: '340104200301015112',
      schoolName: '安徽大学',
      departmentName: '计算机科学与技术学院',
      major: '软件工程',
      degree: '本科',
      graduationYear: 2026,
      originPlace: '安徽省合肥市',
    },
    employer: {
      name: '合肥星辰信息技术有限公司',
      creditCode: '91340100MA2TXXXX0A',
      nature: '其他企业',
      industry: '信息传输、软件和信息技术服务业',
      address: '安徽省合肥市高新区望江西路 800 号创新产业园 B3 栋 12 层',
      contactName: '王晓丽',
      contactPhone: '0551-65551234',
      hasHiringAutonomy: false,
      superiorAuthority: 'EMPLOYMENT_PLACE_TALENT_SERVICE',
    },
    position: { title: '后端开发工程师' },
    terms: {
      workLocation: '安徽省合肥市',
      monthlySalary: 9500,
      probationMonths: 3,
      contractYears: 3,
      archiveTransferAddress: '合肥市人才服务中心（合肥市蜀山区怀宁路 1688 号）',
      hukouTransferAddress: '合肥市公安局高新分局户政科',
      otherTerms:
        '单位为毕业生缴纳五险一金，提供人才公寓一年。\n毕业生应于 2026 年 7 月 15 日前报到。',
    },
    signedAt: '2026-03-12T02:30:00Z',
    approvedAt: '2026-03-14T08:05:00Z',
    method: 'RECRUITING',
    ...overrides,
  };
}
