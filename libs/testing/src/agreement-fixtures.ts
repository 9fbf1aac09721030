import type { AgreementSnapshot, GraduateSnapshot } from '@netsign/contracts';

/** A graduate as identity snapshots one, for tests: override what the test is about. */
export function graduateSnapshotFixture(
  overrides: Partial<GraduateSnapshot> = {},
): GraduateSnapshot {
  return {
    graduateId: 'grad-1',
    schoolCode: 'S-TEST',
    schoolName: '测试大学',
    departmentCode: 'LAW',
    departmentName: '法学院',
    studentNo: 'SN-1',
    name: '张三',
    gender: '男',
    major: '法学',
    degree: '本科',
    className: '法学1班',
    originPlace: '安徽合肥',
    graduationYear: 2026,
    idNumberMasked: '3401**********0011',
    sourceInfoConfirmed: true,
    ...overrides,
  };
}

type AgreementOverrides = Partial<Omit<AgreementSnapshot, 'graduate' | 'employer'>> & {
  graduate?: Partial<GraduateSnapshot>;
  employer?: Partial<AgreementSnapshot['employer']>;
};

/**
 * An agreement as signing snapshots one (method 2, pending review), for tests of the services that
 * receive it in events. The agreement number follows the id.
 */
export function agreementSnapshotFixture(
  agreementId: string,
  overrides: AgreementOverrides = {},
): AgreementSnapshot {
  const { graduate, employer, ...rest } = overrides;
  return {
    agreementId,
    agreementNo: `NO-${agreementId.slice(0, 8)}`,
    method: 'EMPLOYER_DIRECT',
    status: 'PENDING_REVIEW',
    graduate: graduateSnapshotFixture(graduate),
    employer: {
      employerId: 'employer-1',
      creditCode: '91340100MA0000000X',
      name: '测试单位',
      nature: '民营企业',
      industry: '软件',
      address: '合肥',
      hasHiringAutonomy: true,
      contactName: '李四',
      contactPhone: '13800000000',
      ...employer,
    },
    position: { positionId: 'p1', title: '法务', location: '合肥' },
    terms: {
      workLocation: '合肥',
      monthlySalary: 8000,
      probationMonths: 3,
      contractYears: 3,
      archiveTransferAddress: '',
      hukouTransferAddress: '',
      otherTerms: '',
      superiorAuthority: null,
    },
    signedAt: new Date().toISOString(),
    version: 1,
    ...rest,
  };
}
