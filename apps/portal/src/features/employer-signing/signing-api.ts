import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgreementTerms, AgreementView, SignResult } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';
import { ApiFailure } from '../../shared/api/api-failure';

export type { AgreementView, SignResult };

export interface AgreementFilters {
  status?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const keys = {
  all: ['agreements'] as const,
  list: (f: AgreementFilters) => ['agreements', 'list', f] as const,
  one: (id: string) => ['agreements', 'one', id] as const,
};

export function useAgreements(filters: AgreementFilters) {
  return useQuery({
    queryKey: keys.list(filters),
    queryFn: () =>
      unwrap<{ items: AgreementView[]; total: number }>(
        api.GET('/api/agreements', {
          params: {
            query: {
              ...filters,
              status: filters.status || undefined,
              q: filters.q || undefined,
            } as never,
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(agreementId: string) {
  return useQuery({
    queryKey: keys.one(agreementId),
    queryFn: () =>
      unwrap<AgreementView>(
        api.GET('/api/agreements/{agreementId}', { params: { path: { agreementId } } }),
      ),
  });
}

export interface DirectSigningInput {
  positionId: string;
  graduate: { schoolCode: string; name: string; studentNo: string; idNumber: string };
  terms: AgreementTerms;
}

/** Method 2 (签约管理 → 直接签约). */
export function useSignDirect() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DirectSigningInput) =>
      unwrap<SignResult>(api.POST('/api/agreements', { body: body as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

/**
 * The agreement's PDF (three copies) as a file to save. 202 while it renders → an ApiFailure the
 * page shows as 「正在生成」; NOT_PRINTABLE before approval, with the API's message.
 */
export function useDownloadPdf() {
  return useMutation({
    mutationFn: async ({
      agreementId,
      agreementNo,
    }: {
      agreementId: string;
      agreementNo: string;
    }) => {
      const result = await api
        .GET('/api/agreements/{id}/pdf', { params: { path: { id: agreementId } }, parseAs: 'blob' })
        .catch(() => {
          throw new ApiFailure(0, undefined);
        });
      if (result.response.status === 202) {
        throw new ApiFailure(202, { code: 'RENDERING', message: '协议书正在生成，请稍后再下载' });
      }
      if (!result.response.ok) {
        const body = await errorBody(result.error);
        throw new ApiFailure(result.response.status, body);
      }
      const blob = result.data as unknown as Blob;
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `就业协议书-${agreementNo}.pdf`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      return { size: blob.size };
    },
  });
}

async function errorBody(error: unknown): Promise<{ code: string; message: string } | undefined> {
  if (error instanceof Blob) {
    try {
      return JSON.parse(await error.text()) as { code: string; message: string };
    } catch {
      return undefined;
    }
  }
  return error as { code: string; message: string } | undefined;
}
