import { z } from 'zod';

/**
 * The body of `POST /records` as API.md ("Provincial dispatch system") fixes it. The stand-in is
 * built against that text only and imports nothing from the platform, like the real province.
 */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character for the first 17 digits of a national ID number. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckChar(value.slice(0, 17)) === value[17];
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 32100 check character for the first 17 characters of a unified social credit code. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARS.indexOf(first17[i]!) * CREDIT_WEIGHTS[i]!;
  return CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

export function isValidCreditCode(value: string): boolean {
  const chars = `[${CREDIT_CHARS}]`;
  return (
    new RegExp(`^${chars}{18}$`).test(value) &&
    creditCodeCheckChar(value.slice(0, 17)) === value[17]
  );
}

const text = (max: number) => z.string().trim().min(1).max(max);

const graduateFields = {
  recordId: z.uuid(),
  graduateSequence: z.number().int().min(1),
  schoolCode: text(32),
  studentNo: text(64),
  name: text(100),
  idNumber: z.string().refine(isValidIdNumber, 'not a national ID number (GB 11643 check digit)'),
};

const agreementRecordSchema = z.object({
  ...graduateFields,
  kind: z.enum(['EMPLOYMENT', 'TERMINATION']),
  agreementNo: text(64),
  signingMethod: z.enum(['RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD']),
  employer: z.object({
    name: text(200),
    creditCode: z.string().refine(isValidCreditCode, 'not a unified social credit code (GB 32100)'),
    nature: text(100),
    industry: text(100),
    location: text(200),
    // Standard codes (issue 18), optional so that records from before them stay valid.
    natureCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
    industryCode: z
      .string()
      .regex(/^([A-T]|\d{2})$/)
      .optional(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  }),
  position: text(200),
  // Required only when the employer lacks hiring autonomy, hence nullable.
  superiorAuthority: z
    .enum(['EMPLOYMENT_PLACE_TALENT_SERVICE', 'ORIGIN_PLACE'])
    .nullable()
    .optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /** 毕业去向代码: 10 for an employment agreement, 70 (待就业) after a termination. */
  destinationCode: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

/**
 * The platform's extension (its decision 0007): a destination the school recorded without an
 * online agreement, or an unlock back to 待就业 (destination AWAITING_EMPLOYMENT, code 70). The
 * code is null only for a destination of category OTHER recorded without one.
 */
const destinationRecordSchema = z.object({
  ...graduateFields,
  kind: z.literal('DESTINATION'),
  destination: z.enum(['AWAITING_EMPLOYMENT', 'SIGNED_OFFLINE', 'FURTHER_STUDY', 'OTHER']),
  destinationCode: z
    .string()
    .regex(/^\d{2}$/)
    .nullable(),
  occurredAt: z.iso.datetime({ offset: true }),
});

export const dispatchRecordSchema = z.discriminatedUnion('kind', [
  agreementRecordSchema,
  destinationRecordSchema,
]);

export type DispatchRecordBody = z.infer<typeof dispatchRecordSchema>;

export function graduateKeyOf(record: { schoolCode: string; studentNo: string }): string {
  return `${record.schoolCode}:${record.studentNo}`;
}
