import { useMutation, useQuery } from '@tanstack/react-query';
import type { AgreementTerms, GraduateSnapshot, SignResult } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';

export interface OpenedCard {
  graduate: GraduateSnapshot;
  available: boolean;
  expiresAt: string;
}

/** The graduate a scanned card names, as the employer may see them (ID masked); 410 once expired. */
export function useQrCard(token: string, enabled: boolean) {
  return useQuery({
    queryKey: ['qr-card', token],
    queryFn: () =>
      unwrap<OpenedCard>(api.GET('/api/qr-cards/{token}', { params: { path: { token } } })),
    enabled,
    retry: false,
  });
}

/** Method 3: signs with the graduate of the scanned card. */
export function useSignQrCard(token: string) {
  return useMutation({
    mutationFn: (body: { positionId: string; terms: AgreementTerms }) =>
      unwrap<SignResult>(
        api.POST('/api/qr-cards/{token}/agreements', {
          params: { path: { token } },
          body: body as never,
        }),
      ),
  });
}
