import { QueryClient } from '@tanstack/react-query';
import { ApiFailure } from './api-failure';

/** Retries only what may pass on a second try (network, 5xx), never a refusal or a 429. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          count < 2 && error instanceof ApiFailure && (error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
