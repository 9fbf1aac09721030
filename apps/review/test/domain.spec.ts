import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, MAX_UPLOAD_BYTES, type Principal } from '@netsign/contracts';
import { checkAssembledFile, sniffFileType } from '../src/modules/files/domain/file-type.js';
import { planIssue, planReissue } from '../src/modules/paper-forms/domain/paper-form-rules.js';
import {
  canReview,
  decideTask,
  isOverdue,
} from '../src/modules/review-tasks/domain/review-rules.js';
import {
  decideTermination,
  effectiveAgreementStatus,
  requireCanApply,
  requireCanWithdraw,
} from '../src/modules/terminations/domain/termination-rules.js';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]);
const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};
const ref = (bytes: Buffer, over: object = {}) => ({
  uploadId: '00000000-0000-4000-8000-000000000000',
  fileName: 'x.pdf',
  parts: 1,
  size: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  ...over,
});

describe('file types by content', () => {
  it('recognises PDF, PNG and JPEG by their magic numbers', () => {
    expect(sniffFileType(PDF)).toBe('application/pdf');
    expect(sniffFileType(PNG)).toBe('image/png');
    expect(sniffFileType(JPEG)).toBe('image/jpeg');
  });

  it('refuses programs, text, truncated signatures and empty files whatever their name', () => {
    for (const bytes of [
      ELF,
      EXE,
      Buffer.from('hello'),
      Buffer.from('%PDF'),
      Buffer.from([0xff, 0xd8]),
      Buffer.alloc(0),
    ]) {
      expect(sniffFileType(bytes)).toBeNull();
    }
    expect(code(() => checkAssembledFile(ref(ELF, { fileName: 'licence.pdf' }), 1, ELF))).toBe(
      ErrorCode.UNSUPPORTED_FILE_TYPE,
    );
  });

  it('checks size, completeness and hash of an assembled upload', () => {
    expect(checkAssembledFile(ref(PDF), 1, PDF)).toEqual({
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: ref(PDF).sha256,
    });
    expect(code(() => checkAssembledFile(ref(PDF, { parts: 2 }), 1, PDF))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    expect(code(() => checkAssembledFile(ref(PDF, { sha256: 'a'.repeat(64) }), 1, PDF))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES)]);
    expect(code(() => checkAssembledFile(ref(big), 1, big))).toBe(ErrorCode.PAYLOAD_TOO_LARGE);
  });
});

describe('review rules', () => {
  const cs = { graduateId: 'g1', schoolCode: '10357', departmentCode: 'CS', employerId: 'e1' };
  const law = { graduateId: 'g2', schoolCode: '10357', departmentCode: 'LAW', employerId: 'e1' };
  const staff: Principal = {
    userId: 's',
    role: 'DEPARTMENT_STAFF',
    schoolCode: '10357',
    departmentCode: 'CS',
  };
  const admin: Principal = { userId: 'a', role: 'SCHOOL_ADMIN', schoolCode: '10357' };
  const reviewer = { userId: 's', role: 'DEPARTMENT_STAFF' };
  const at = new Date('2026-03-01T00:00:00Z');

  it('scopes department staff to their department and school admins to their school, nobody else', () => {
    expect(canReview(staff, cs)).toBe(true);
    expect(canReview(staff, law)).toBe(false);
    expect(canReview(admin, law)).toBe(true);
    expect(canReview({ ...admin, schoolCode: '99999' }, cs)).toBe(false);
    for (const role of [
      'COUNSELLOR',
      'GRADUATE',
      'EMPLOYER',
      'PROVINCE_ADMIN',
      'SERVICE',
    ] as const) {
      expect(canReview({ userId: 'x', role, schoolCode: '10357', departmentCode: 'CS' }, cs)).toBe(
        false,
      );
    }
  });

  it('approves, rejects only with a reason, and refuses a second decision', () => {
    expect(decideTask('PENDING', { decision: 'APPROVE', reviewer, at })).toMatchObject({
      status: 'APPROVED',
      reason: null,
    });
    expect(
      decideTask('PENDING', { decision: 'REJECT', reason: ' 单位资质不符 ', reviewer, at }),
    ).toMatchObject({ status: 'REJECTED', reason: '单位资质不符' });
    expect(
      code(() => decideTask('PENDING', { decision: 'REJECT', reason: '  ', reviewer, at })),
    ).toBe(ErrorCode.VALIDATION_FAILED);
    for (const s of ['APPROVED', 'REJECTED', 'CANCELLED'] as const) {
      expect(code(() => decideTask(s, { decision: 'APPROVE', reviewer, at }))).toBe(
        ErrorCode.INVALID_STATE,
      );
    }
  });

  it('flags pending tasks older than the configured days as overdue', () => {
    const now = new Date('2026-03-04T00:00:01Z');
    expect(isOverdue('PENDING', at, now, 3)).toBe(true);
    expect(isOverdue('PENDING', at, now, 4)).toBe(false);
    expect(isOverdue('APPROVED', at, now, 3)).toBe(false);
  });
});

describe('termination rules', () => {
  const graduate: Principal = { userId: 'u', role: 'GRADUATE', graduateId: 'g1' };

  const employer: Principal = { userId: 'e', role: 'EMPLOYER', employerId: 'e1' };
  const a = (
    graduateId: string,
    employerId: string,
    status: 'APPROVED' | 'PENDING_REVIEW' | 'REJECTED' | 'TERMINATED',
  ) => ({ graduateId, employerId, status });

  it('lets only a party (graduate or employer) of an active agreement apply, and says which', () => {
    expect(requireCanApply(graduate, a('g1', 'e1', 'APPROVED'))).toBe('GRADUATE');
    expect(requireCanApply(graduate, a('g1', 'e1', 'PENDING_REVIEW'))).toBe('GRADUATE');
    expect(requireCanApply(employer, a('g1', 'e1', 'APPROVED'))).toBe('EMPLOYER');
    expect(code(() => requireCanApply(graduate, a('g2', 'e1', 'APPROVED')))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(code(() => requireCanApply(employer, a('g1', 'e2', 'APPROVED')))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(
      code(() =>
        requireCanApply(
          { userId: 'c', role: 'COUNSELLOR', schoolCode: 's' },
          a('g1', 'e1', 'APPROVED'),
        ),
      ),
    ).toBe(ErrorCode.NOT_FOUND);
    expect(code(() => requireCanApply(graduate, a('g1', 'e1', 'REJECTED')))).toBe(
      ErrorCode.INVALID_STATE,
    );
    expect(code(() => requireCanApply(employer, a('g1', 'e1', 'TERMINATED')))).toBe(
      ErrorCode.INVALID_STATE,
    );
  });

  it('lets only the party that applied withdraw', () => {
    const t = (applicant: 'GRADUATE' | 'EMPLOYER') => ({
      graduateId: 'g1',
      employerId: 'e1',
      applicant,
    });
    expect(code(() => requireCanWithdraw(graduate, t('GRADUATE')))).toBeUndefined();
    expect(code(() => requireCanWithdraw(employer, t('EMPLOYER')))).toBeUndefined();
    expect(code(() => requireCanWithdraw(graduate, t('EMPLOYER')))).toBe(ErrorCode.FORBIDDEN);
    expect(code(() => requireCanWithdraw(employer, t('GRADUATE')))).toBe(ErrorCode.FORBIDDEN);
    expect(code(() => requireCanWithdraw({ ...employer, employerId: 'e2' }, t('EMPLOYER')))).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it('counts review’s own rejection before signing has applied it', () => {
    expect(effectiveAgreementStatus('PENDING_REVIEW', 'REJECTED')).toBe('REJECTED');
    expect(effectiveAgreementStatus('PENDING_REVIEW', 'PENDING')).toBe('PENDING_REVIEW');
    expect(effectiveAgreementStatus('APPROVED', null)).toBe('APPROVED');
  });

  it('agrees, disagrees only with a reason, once', () => {
    expect(decideTermination('PENDING', 'AGREE')).toEqual({ status: 'AGREED', reason: null });
    expect(decideTermination('PENDING', 'DISAGREE', '理由不充分')).toEqual({
      status: 'DISAGREED',
      reason: '理由不充分',
    });
    expect(code(() => decideTermination('PENDING', 'DISAGREE', ''))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    for (const s of ['AGREED', 'DISAGREED', 'WITHDRAWN', 'CLOSED'] as const)
      expect(code(() => decideTermination(s, 'AGREE'))).toBe(ErrorCode.INVALID_STATE);
  });
});

describe('paper forms', () => {
  it('issues the first form once; later ones are re-issues that void the held form', () => {
    expect(code(() => planIssue([]))).toBeUndefined();
    expect(code(() => planIssue([{ id: 'f1', status: 'ISSUED' }]))).toBe(ErrorCode.INVALID_STATE);
    expect(code(() => planReissue([]))).toBe(ErrorCode.INVALID_STATE);
    expect(
      planReissue([
        { id: 'f2', status: 'ISSUED' },
        { id: 'f1', status: 'VOIDED' },
      ]),
    ).toEqual({ voids: 'f2', replaces: 'f2' });
    expect(planReissue([{ id: 'f1', status: 'COLLECTED' }])).toEqual({
      voids: null,
      replaces: 'f1',
    });
  });
});

describe('S3 signature', () => {
  it('matches the example in the S3 documentation (GET object with a range)', async () => {
    const { signV4 } = await import('../src/modules/files/s3-signature.js');
    const authorization = signV4({
      method: 'GET',
      path: '/test.txt',
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
        'x-amz-date': '20130524T000000Z',
      },
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    });
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });
});
