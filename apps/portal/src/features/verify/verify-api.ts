import { useMutation, useQuery } from '@tanstack/react-query';
import type { PdfFileVerificationResult, VerificationResult } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';

export type { PdfFileVerificationResult, VerificationResult };

/** GET /api/verify/{token}: public; a forged or altered copy answers VERIFICATION_INVALID. */
export function useVerification(token: string) {
  return useQuery({
    queryKey: ['verify', token],
    queryFn: () =>
      unwrap<VerificationResult>(api.GET('/api/verify/{token}', { params: { path: { token } } })),
    retry: false,
    enabled: token.length > 0,
  });
}

/** POST /api/verify/file: public; is this PDF byte for byte a file the platform issued? */
export function useFileVerification() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap<PdfFileVerificationResult>(
        api.POST('/api/verify/file', {
          // multipart: the browser sets the boundary
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
    },
  });
}
