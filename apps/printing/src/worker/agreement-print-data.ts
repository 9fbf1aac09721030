/**
 * Everything a printed 就业协议书 shows. The print worker receives this already resolved (names, not
 * ids) so rendering needs no database access and a re-render of the same version prints the same text.
 */

export type SigningMethod = 'RECRUITING' | 'EMPLOYER_DIRECT' | 'QR_CARD';

/** 上级主管部门: where the file goes when the employer has no hiring autonomy (用人自主权). */
export type SuperiorAuthority = 'EMPLOYMENT_PLACE_TALENT_SERVICE' | 'ORIGIN_PLACE';

export interface AgreementPrintData {
  agreementNo: string;
  graduate: {
    name: string;
    gender: string;
    /** Printed in full: the paper agreement is the legal document; only the public verify page masks. */
    idNumber: string;
    schoolName: string;
    departmentName: string;
    major: string;
    degree: string;
    graduationYear: number;
    originPlace: string;
  };
  employer: {
    name: string;
    creditCode: string;
    nature: string;
    industry: string;
    address: string;
    contactName: string;
    contactPhone: string;
    hasHiringAutonomy: boolean;
    superiorAuthority: SuperiorAuthority | null;
  };
  position: { title: string };
  terms: {
    workLocation: string;
    /** Yuan per month. */
    monthlySalary: number;
    probationMonths: number;
    contractYears: number;
    archiveTransferAddress: string;
    hukouTransferAddress: string;
    otherTerms: string;
  };
  signedAt: Date | string;
  approvedAt: Date | string;
  method: SigningMethod;
}

export type PrintCopy = 'EMPLOYER' | 'GRADUATE' | 'SCHOOL';

/** Print order of the three copies (第一联, 第二联, 第三联). */
export const PRINT_COPIES: readonly PrintCopy[] = ['EMPLOYER', 'GRADUATE', 'SCHOOL'];

export const PRINT_COPY_LABELS: Readonly<Record<PrintCopy, string>> = {
  EMPLOYER: '第一联 用人单位',
  GRADUATE: '第二联 毕业生',
  SCHOOL: '第三联 学校',
};

export const SIGNING_METHOD_LABELS: Readonly<Record<SigningMethod, string>> = {
  RECRUITING: '招聘签约',
  EMPLOYER_DIRECT: '单位直签',
  QR_CARD: '二维码名片签约',
};

export const SUPERIOR_AUTHORITY_LABELS: Readonly<Record<SuperiorAuthority, string>> = {
  EMPLOYMENT_PLACE_TALENT_SERVICE: '就业地人才服务机构',
  ORIGIN_PLACE: '回生源地',
};

/** One copy to print and the link its verification QR carries. */
export interface CopyToPrint {
  copy: PrintCopy;
  verifyUrl: string;
}
