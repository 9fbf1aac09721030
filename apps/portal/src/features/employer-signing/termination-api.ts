import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

export type AgreementTermination = Schema<'Termination'>;

const keys = {
  ofAgreement: (agreementId: string) => ['terminations', 'agreement', agreementId] as const,
};

/** The applications to terminate one of the employer's agreements, whoever applied; oldest first. */
export function useAgreementTerminations(agreementId: string) {
  return useQuery({
    queryKey: keys.ofAgreement(agreementId),
    queryFn: () =>
      unwrap(
        api.GET('/api/terminations', {
          params: { query: { agreementId, page: 1, pageSize: 100 } },
        }),
      ),
  });
}

/** After a change the agreement (TERMINATED a moment after an agreed termination) is read again too. */
function useRefresh(agreementId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: keys.ofAgreement(agreementId) });
    await queryClient.invalidateQueries({ queryKey: ['agreements'] });
  };
}

/** 申请解除协议: a reason and one or more materials (PDF, JPEG or PNG), sent as multipart. */
export function useApplyTermination(agreementId: string) {
  const refresh = useRefresh(agreementId);
  return useMutation({
    mutationFn: (input: { reason: string; materials: File[] }) => {
      const form = new FormData();
      form.append('agreementId', agreementId);
      form.append('reason', input.reason);
      for (const file of input.materials) form.append('materials', file, file.name);
      return unwrap(
        api.POST('/api/terminations', {
          // multipart: the browser sets the boundary
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
    },
    onSuccess: refresh,
  });
}

export function useWithdrawTermination(agreementId: string) {
  const refresh = useRefresh(agreementId);
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/terminations/{id}/withdrawal', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}
