import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@netsign/api-client';
import type { EmployerSnapshot } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';
import { getToken } from '../../shared/auth/session-store';
import { ApiFailure } from '../../shared/api/api-failure';

export interface EmployerRegistration extends Omit<EmployerSnapshot, 'employerId'> {
  username: string;
  password: string;
}

export function useRegisterEmployer() {
  return useMutation({
    mutationFn: async (body: EmployerRegistration) => {
      const employer = await unwrap<EmployerSnapshot & { userId: string }>(
        api.POST('/api/employers', { body: body as never }),
      );
      const { accessToken } = await unwrap<{ accessToken: string }>(
        api.POST('/api/auth/login', {
          body: { username: body.username, password: body.password } as never,
        }),
      );
      return { employer, accessToken };
    },
  });
}

export const QUALIFICATION_KINDS = [
  'BUSINESS_LICENSE',
  'ORGANIZATION_CERTIFICATE',
  'RECRUITMENT_LETTER',
  'OTHER',
] as const;
export type QualificationKind = (typeof QUALIFICATION_KINDS)[number];
export const QUALIFICATION_KIND_LABELS: Record<QualificationKind, string> = {
  BUSINESS_LICENSE: '营业执照',
  ORGANIZATION_CERTIFICATE: '组织机构代码证',
  RECRUITMENT_LETTER: '招聘介绍信',
  OTHER: '其他材料',
};

export interface QualificationDocument {
  id: string;
  employerId: string;
  kind: QualificationKind;
  fileName: string;
  size: number;
  contentType: string;
  sha256: string;
  uploadedAt: string;
}

const documentsKey = ['employer', 'qualification-documents'] as const;

export function useQualificationDocuments() {
  return useQuery({
    queryKey: documentsKey,
    queryFn: () =>
      unwrap<QualificationDocument[]>(api.GET('/api/employer/qualification-documents')),
  });
}

/**
 * Uploads one document with progress. fetch() reports no upload progress, so this one call goes
 * through XMLHttpRequest (same path, same bearer token, same error body as the typed client).
 */
export function uploadQualificationDocument(
  file: File,
  kind: QualificationKind,
  onProgress: (percent: number) => void,
): Promise<QualificationDocument> {
  const path: keyof paths = '/api/employer/qualification-documents';
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiFailure(0, undefined));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as QualificationDocument);
      else
        reject(new ApiFailure(xhr.status, body as { code: string; message: string } | undefined));
    };
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file);
    xhr.send(form);
  });
}

export function useUploadQualificationDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      file: File;
      kind: QualificationKind;
      onProgress: (percent: number) => void;
    }) => uploadQualificationDocument(input.file, input.kind, input.onProgress),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey }),
  });
}

/** The bytes of one of the employer's own documents (for 查看). */
export async function loadOwnQualificationDocument(documentId: string): Promise<Blob> {
  const result = await api
    .GET('/api/employer/qualification-documents/{documentId}/content', {
      params: { path: { documentId } },
      parseAs: 'blob',
    })
    .catch(() => {
      throw new ApiFailure(0, undefined);
    });
  if (!result.response.ok) {
    // Asked for a blob, the error body comes as one too: read its {code, message}.
    const text = await ((result.error as Blob | undefined)?.text?.() ?? Promise.resolve(''));
    let body: { code: string; message: string } | undefined;
    try {
      body = text ? (JSON.parse(text) as { code: string; message: string }) : undefined;
    } catch {
      body = undefined;
    }
    throw new ApiFailure(result.response.status, body);
  }
  return result.data as Blob;
}

/** Deletes one of the employer's own documents; reviewers no longer see it either. */
export function useDeleteQualificationDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (document: QualificationDocument) =>
      unwrap(
        api.DELETE('/api/employer/qualification-documents/{documentId}', {
          params: { path: { documentId: document.id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsKey }),
  });
}
