import { useQuery } from '@tanstack/react-query';
import type { VerificationResult } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';

export type { VerificationResult };

/** GET /api/verify/{token}: public; a forged or altered copy answers VERIFICATION_INVALID. */
export function useVerification(token: string) {
  return useQuery({
    queryKey: ['verify', token],
    queryFn: () => unwrap<VerificationResult>(api.GET('/api/verify/{token}', { params: { path: { token } } })),
    retry: false,
    enabled: token.length > 0,
  });
}
