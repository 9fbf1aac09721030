import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { ApiFailure } from '../../shared/api/api-failure';
import { api, unwrap } from '../../shared/api/client';

export type OnlineSigningStatistics = Schema<'OnlineSigningStatistics'>;
export type SchoolStatistics = OnlineSigningStatistics['schools'][number];
export type DepartmentStatistics = SchoolStatistics['departments'][number];

export const statisticsKeys = {
  current: (schoolCode?: string) => ['statistics', 'current', schoolCode ?? '*'] as const,
  snapshot: (day: string, schoolCode?: string) =>
    ['statistics', 'snapshot', day, schoolCode ?? '*'] as const,
};

/** 网签占比 now: every school for the province, the own school for school staff. */
export function useOnlineSigningStatistics(schoolCode?: string) {
  return useQuery({
    queryKey: statisticsKeys.current(schoolCode),
    queryFn: () =>
      unwrap(
        api.GET('/api/statistics/online-signing', {
          params: { query: schoolCode ? { schoolCode } : {} },
        }),
      ),
    refetchInterval: 30_000,
  });
}

/** Days (YYYY-MM-DD, Asia/Shanghai) from `count - 1` days ago to today. */
export function lastDays(count: number, now = new Date()): string[] {
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return Array.from({ length: count }, (_, i) =>
    fmt.format(new Date(now.getTime() - (count - 1 - i) * 86_400_000)),
  );
}

/**
 * The daily snapshots of the last days, for the trend. A day without a snapshot (404: not taken,
 * e.g. before the platform ran) is a gap, not an error.
 */
export function useSnapshots(days: string[], schoolCode?: string) {
  return useQueries({
    queries: days.map((day) => ({
      queryKey: statisticsKeys.snapshot(day, schoolCode),
      staleTime: 10 * 60_000,
      queryFn: async () => {
        try {
          return await unwrap(
            api.GET('/api/statistics/online-signing/snapshots/{day}', {
              params: { path: { day }, query: schoolCode ? { schoolCode } : {} },
            }),
          );
        } catch (err) {
          if (err instanceof ApiFailure && err.status === 404) return null;
          throw err;
        }
      },
    })),
  });
}

export function useTakeSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/statistics/online-signing/snapshots')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['statistics', 'snapshot'] }),
  });
}
