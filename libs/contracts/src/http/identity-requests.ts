import { z } from 'zod';
import { DESTINATIONS } from '../destinations.js';
import {
  staffCreate,
  staffDeactivate,
  staffList,
  staffReactivate,
  staffUpdate,
} from '../identity-auth.js';
import { sourceInfoCorrectionsList } from '../identity-me.js';
import { graduatesList } from '../identity-roster.js';
import { codeParams, PAGE_QUERY, queryBoolean, requestObject, uuidParams } from './common.js';

/* Path parameters, queries and bodies of identity's routes, composed from its request contracts. */

const schoolPath = { schoolCode: z.string().min(1).max(32).meta({ example: '10357' }) };
export const schoolParams = z.object(schoolPath);
export const schoolUserParams = z.object({ ...schoolPath, userId: z.uuid() });
export const schoolGraduateParams = z.object({ ...schoolPath, graduateId: z.uuid() });
export const schoolGraduateCodeParams = codeParams('schoolCode', 'graduateId');
export const schoolCorrectionParams = z.object({ ...schoolPath, id: z.uuid() });
export const idParams = uuidParams('id');

export const notificationsQuery = z.object({ ...PAGE_QUERY, unreadOnly: queryBoolean.optional() });

const inSchool = { schoolCode: true } as const;
export const staffCreateBody = requestObject(staffCreate).omit(inSchool);
export const staffListQuery = requestObject(staffList).omit(inSchool);
export const staffUpdateBody = requestObject(staffUpdate).omit({ schoolCode: true, userId: true });
export const staffDeactivateBody = requestObject(staffDeactivate).omit({
  schoolCode: true,
  userId: true,
});
export const staffReactivateBody = requestObject(staffReactivate).omit({
  schoolCode: true,
  userId: true,
});
export const graduatesListQuery = requestObject(graduatesList).omit(inSchool);
export const correctionsListQuery = requestObject(sourceInfoCorrectionsList).omit(inSchool);

/** A roster record sent as JSON (API.md); identity checks each row and rejects bad rows one by one. */
export const rosterRecordInput = z
  .object({
    studentNo: z.string(),
    name: z.string(),
    gender: z.string().meta({ example: '男' }),
    idNumber: z.string().meta({ description: '身份证号（GB 11643，校验位）' }),
    departmentCode: z.string(),
    major: z.string(),
    degree: z.string().meta({ example: '本科' }),
    className: z.string().nullish(),
    originPlace: z.string().optional().meta({
      description: '生源地（文字）；给出 originRegionCode 时可省略，以代码对应的名称为准',
    }),
    originRegionCode: z
      .string()
      .optional()
      .meta({ description: '生源地代码（GB/T 2260 行政区划代码）', example: '340100' }),
    graduationYear: z.number().int(),
    destination: z.enum(DESTINATIONS).optional(),
  })
  .meta({
    id: 'RosterRecordInput',
    example: {
      studentNo: '2022010101',
      name: '李明',
      gender: '男',
      idNumber: '340104200301015112',
      departmentCode: 'CS',
      major: '软件工程',
      degree: '本科',
      className: '软件2201',
      originPlace: '安徽省合肥市',
      originRegionCode: '340100',
      graduationYear: 2026,
    },
  });
export const rosterJsonBody = z.object({ graduates: z.array(rosterRecordInput) });
export const rosterUploadFields = z.object({
  file: z.string().meta({ format: 'binary', description: 'CSV 或 XLSX 文件' }),
});
