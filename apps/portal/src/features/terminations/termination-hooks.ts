import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

export type Termination = Schema<'Termination'>;
export type TerminationStatus = Termination['status'];

export const terminationKeys = {
  all: ['terminations'] as const,
  list: (status: TerminationStatus | undefined, page: number, pageSize: number) =>
    ['terminations', 'list', status, page, pageSize] as const,
  one: (id: string) => ['terminations', 'one', id] as const,
  agreement: (id: string) => ['agreements', id] as const,
};

/** 解约申请登记表: the applications of the counsellor's graduates (the school's for an admin). */
export function useTerminations(
  status: TerminationStatus | undefined,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: terminationKeys.list(status, page, pageSize),
    queryFn: () =>
      unwrap(
        api.GET('/api/terminations', {
          params: { query: { ...(status ? { status } : {}), page, pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useTermination(id: string) {
  return useQuery({
    queryKey: terminationKeys.one(id),
    queryFn: () => unwrap(api.GET('/api/terminations/{id}', { params: { path: { id } } })),
  });
}

/**
 * The original agreement. After an agreed termination signing applies it a moment later (an
 * event): the page keeps asking until the agreement reads TERMINATED.
 */
export function useAgreement(agreementId: string | undefined, awaitTermination: boolean) {
  return useQuery({
    queryKey: terminationKeys.agreement(agreementId ?? ''),
    enabled: Boolean(agreementId),
    queryFn: () =>
      unwrap(
        api.GET('/api/agreements/{agreementId}', {
          params: { path: { agreementId: agreementId! } },
        }),
      ),
    refetchInterval: (query) =>
      awaitTermination && query.state.data?.status !== 'TERMINATED' ? 1000 : false,
  });
}

export function useTerminationDecision(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { decision: 'AGREE' | 'DISAGREE'; reason?: string }) =>
      unwrap(
        api.POST('/api/terminations/{id}/decision', {
          params: { path: { id } },
          body: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(terminationKeys.one(id), updated);
      await queryClient.invalidateQueries({ queryKey: terminationKeys.all });
    },
  });
}

export function loadTerminationMaterial(terminationId: string, materialId: string): Promise<Blob> {
  return unwrap(
    api.GET('/api/terminations/{id}/materials/{materialId}/content', {
      params: { path: { id: terminationId, materialId } },
      parseAs: 'blob',
    }),
  );
}
