import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { ApiFailure } from '../../shared/api/api-failure';
import { api, unwrap } from '../../shared/api/client';

export type PrintRecord = Schema<'PrintRecord'>;
export type PrintStatus = PrintRecord['status'];

export const printKeys = {
  all: ['print-records'] as const,
  list: (status: PrintStatus | undefined, page: number, pageSize: number) =>
    ['print-records', status, page, pageSize] as const,
};

/** A re-render asked for: the list follows it even while a status filter hides the record. */
export interface AwaitedRender {
  agreementId: string;
  renderVersion: number;
  until: number;
}

/** 协议书打印管理: approved agreements, their PDF and print history. */
export function usePrintRecords(
  status: PrintStatus | undefined,
  page: number,
  pageSize: number,
  awaited?: AwaitedRender | null,
) {
  return useQuery({
    queryKey: printKeys.list(status, page, pageSize),
    queryFn: () =>
      unwrap(
        api.GET('/api/print-records', {
          params: { query: { ...(status ? { status } : {}), page, pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
    // A PDF being rendered becomes ready within seconds: keep the list current while one is, and
    // after a re-render until its version is listed ready (under 可打印 the record leaves the list
    // while it renders, and nothing listed would be QUEUED to keep the list polling).
    refetchInterval: (query) => {
      const items = query.state.data?.items ?? [];
      if (items.some((r) => r.status === 'QUEUED')) return 2000;
      const awaiting =
        awaited &&
        Date.now() < awaited.until &&
        !items.some(
          (r) =>
            r.agreementId === awaited.agreementId &&
            r.status === 'READY' &&
            r.renderVersion >= awaited.renderVersion,
        );
      return awaiting ? 2000 : false;
    },
  });
}

/** The agreement PDF (3 copies), or null while it is still being rendered (202). */
export async function fetchAgreementPdf(agreementId: string): Promise<Blob | null> {
  const result = await api
    .GET('/api/agreements/{id}/pdf', { params: { path: { id: agreementId } }, parseAs: 'blob' })
    .catch(() => {
      throw new ApiFailure(0, undefined);
    });
  if (result.response.status === 202) return null;
  if (!result.response.ok) {
    const body = (await (result.error as Blob | undefined)?.text?.().catch(() => '')) ?? '';
    let parsed: { code?: string; message?: string } | undefined;
    try {
      parsed = body ? (JSON.parse(body) as { code?: string; message?: string }) : undefined;
    } catch {
      parsed = undefined;
    }
    throw new ApiFailure(result.response.status, parsed);
  }
  return result.data as Blob;
}

export function useRerender() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agreementId: string) =>
      unwrap(
        api.POST('/api/print-records/{agreementId}/re-render', {
          params: { path: { agreementId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: printKeys.all }),
  });
}

export function useInvalidatePrintRecords() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: printKeys.all });
}
