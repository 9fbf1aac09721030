import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

export type DispatchRecord = Schema<'DispatchRecord'>;
export type DispatchRecordStatus = DispatchRecord['status'];
export type ParkedEvent = Schema<'ParkedEvent'>;
export type ServiceName =
  'identity' | 'recruiting' | 'signing' | 'review' | 'printing' | 'dispatch-sync';

/** What a dispatch record carries (API.md's body to the province), as the list shows it. */
export interface DispatchRecordBody {
  schoolCode?: string;
  studentNo?: string;
  name?: string;
  agreementNo?: string;
  employer?: { name?: string };
  /** DESTINATION records: the 毕业去向代码 the school recorded (null for OTHER without one). */
  destinationCode?: string | null;
}

export function useDispatchRecords(
  status: DispatchRecordStatus | undefined,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: ['dispatch-records', status, page, pageSize],
    queryFn: () =>
      unwrap(
        api.GET('/api/dispatch/records', {
          params: { query: { ...(status ? { status } : {}), page, pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDispatchBacklog() {
  return useQuery({
    queryKey: ['dispatch-metrics'],
    queryFn: () => unwrap(api.GET('/api/dispatch/metrics')),
    refetchInterval: 15_000,
  });
}

export function useReplayRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/dispatch/records/{id}/replay', { params: { path: { id } } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['dispatch-records'] });
      await queryClient.invalidateQueries({ queryKey: ['dispatch-metrics'] });
    },
  });
}

export function useParkedEvents(service: ServiceName, includeReplayed: boolean) {
  return useQuery({
    queryKey: ['parked-events', service, includeReplayed],
    queryFn: () =>
      unwrap(
        api.GET('/api/ops/parked-events/{service}', {
          params: { path: { service }, query: includeReplayed ? { includeReplayed: 'true' } : {} },
        }),
      ),
  });
}

export function useReplayParked(service: ServiceName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/ops/parked-events/{service}/{id}/replay', {
          params: { path: { service, id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['parked-events', service] }),
  });
}
