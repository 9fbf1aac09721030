import { z } from 'zod';
import { defineRequest } from './request.js';

/* ---- Print management (协议书打印管理) and public verification of printed copies. */

export const PRINT_STATUSES = ['QUEUED', 'READY', 'FAILED'] as const;
export type PrintStatus = (typeof PRINT_STATUSES)[number];
export const PRINT_COPY_NAMES = ['EMPLOYER', 'GRADUATE', 'SCHOOL'] as const;
export type PrintCopyName = (typeof PRINT_COPY_NAMES)[number];

export interface PrintRecordView {
  agreementId: string;
  agreementNo: string;
  graduateName: string;
  employerName: string;
  schoolCode: string;
  departmentCode: string;
  /** The department's name as frozen in the agreement (院系名称), beside its code. */
  departmentName: string;
  agreementStatus: string;
  status: PrintStatus;
  renderVersion: number;
  contentHash: string | null;
  fileSha256: string | null;
  size: number | null;
  renderedAt: string | null;
  history: Array<{ at: string; actor: { userId: string; role: string } | null; action: string }>;
}

/** Print records in the caller's scope (staff: school/department; employer: own; province: all). */
export const printRecordList = defineRequest<
  { status?: PrintStatus; page: number; pageSize: number },
  { items: PrintRecordView[]; total: number }
>({
  service: 'printing',
  kind: 'qry',
  entity: 'print-record',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(PRINT_STATUSES).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  }),
});

/**
 * Opens an agreement's PDF for download: NOT_PRINTABLE before approval, `RENDERING` while the job
 * runs, else its size and chunk count (the bytes come in chunks: NATS messages stay small).
 * Records the download in the print history.
 */
export const printPdfOpen = defineRequest<
  { agreementId: string },
  | { status: 'RENDERING' }
  | { status: 'READY'; size: number; chunks: number; renderVersion: number; sha256: string }
>({
  service: 'printing',
  kind: 'qry',
  entity: 'pdf',
  verb: 'open',
  version: 1,
  request: z.object({ agreementId: z.uuid() }),
});

export const PDF_CHUNK_BYTES = 512 * 1024;

export const printPdfChunk = defineRequest<
  { agreementId: string; renderVersion: number; index: number },
  { data: string }
>({
  service: 'printing',
  kind: 'qry',
  entity: 'pdf',
  verb: 'chunk',
  version: 1,
  request: z.object({
    agreementId: z.uuid(),
    renderVersion: z.number().int().positive(),
    index: z.number().int().min(0),
  }),
});

/** Renders again (e.g. after a template change): a new render version, new tokens. */
export const printRerender = defineRequest<{ agreementId: string }, { renderVersion: number }>({
  service: 'printing',
  kind: 'cmd',
  entity: 'print-record',
  verb: 'rerender',
  version: 1,
  request: z.object({ agreementId: z.uuid() }),
});

export interface VerificationResult {
  genuine: true;
  agreementNo: string;
  copy: PrintCopyName;
  agreementStatus: string;
  employerName: string;
  graduateNameMasked: string;
  issuedAt: string;
  renderVersion: number;
  current: boolean;
}

/** Public: is this printed copy genuine, and is its agreement still in force? Scans are logged. */
export const verifyToken = defineRequest<
  { token: string; client: string | null },
  VerificationResult
>({
  service: 'printing',
  kind: 'qry',
  entity: 'verification',
  verb: 'verify',
  version: 1,
  request: z.object({ token: z.string().min(10).max(600), client: z.string().max(100).nullable() }),
});

export const verificationKeys = defineRequest<
  Record<string, never>,
  { keys: Array<Record<string, string>> }
>({
  service: 'printing',
  kind: 'qry',
  entity: 'verification',
  verb: 'keys',
  version: 1,
  request: z.object({}),
});

/* ---- Signed PDFs: is an uploaded file byte for byte a PDF the platform issued? */

/**
 * The embedded signature of an uploaded PDF: `VALID` (the platform's, intact, covering the whole
 * file), `MODIFIED` (the platform's, but the bytes it covers changed or bytes were appended after
 * it), `UNRECOGNISED` (a signature that is not the platform's or cannot be read), `ABSENT` (none).
 */
export const PDF_SIGNATURE_STATUSES = ['VALID', 'MODIFIED', 'UNRECOGNISED', 'ABSENT'] as const;
export type PdfSignatureStatus = (typeof PDF_SIGNATURE_STATUSES)[number];

/**
 * What the gateway reads from the last signature of an uploaded PDF (it keeps the file; only
 * these cross the bus). `cms` is empty when the signature dictionary could not be read.
 */
export interface PdfSignatureParts {
  /** SHA-256 (hex) of the bytes the signature's /ByteRange covers; empty if unreadable. */
  signedDigest: string;
  /** The CMS SignedData from /Contents without its zero padding, base64. */
  cms: string;
  /** The /ByteRange ends at the end of the file (nothing was appended after signing). */
  coversWholeFile: boolean;
}

export type PdfFileVerificationResult =
  | {
      genuine: true;
      agreementNo: string;
      /** A file the platform issues always holds the three copies, in print order. */
      copies: PrintCopyName[];
      renderVersion: number;
      current: boolean;
      agreementStatus: string;
      employerName: string;
      graduateNameMasked: string;
      issuedAt: string;
      signature: PdfSignatureStatus;
    }
  | { genuine: false; signature: PdfSignatureStatus };

/** Public: looks an uploaded PDF up by its SHA-256 among the files printing issued. */
export const pdfFileVerify = defineRequest<
  { sha256: string; size: number; signature: PdfSignatureParts | null },
  PdfFileVerificationResult
>({
  service: 'printing',
  kind: 'qry',
  entity: 'pdf-file',
  verb: 'verify',
  version: 1,
  request: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(1),
    signature: z
      .object({
        signedDigest: z.string().regex(/^([0-9a-f]{64})?$/),
        cms: z.string().max(65_536),
        coversWholeFile: z.boolean(),
      })
      .nullable(),
  }),
});
