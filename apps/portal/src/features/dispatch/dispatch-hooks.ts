import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DispatchRecordStatus, ParkedEvent, ServiceName } from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';

/** A record of the outbound log to the provincial dispatch system, as GET /dispatch/records lists it. */
export interface DispatchRecord {
  id: string;
  graduateKey: string;
  graduateSequence: number;
  kind: 'EMPLOYMENT' | 'TERMINATION';
  status: DispatchRecordStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastResponse: unknown;
  createdAt: string;
  deliveredAt: string | null;
  body: { schoolCode: string; studentNo: string; name: string; agreementNo: string; signingMethod: string; employer: { name: string }; position: string };
}

export interface DispatchBacklog {
  pending: number;
  delivering: number;
  dead: number;
  blockedByDead: number;
  oldestUndeliveredAgeSeconds: number;
}

export function useDispatchRecords(status: DispatchRecordStatus | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['dispatch-records', status, page, pageSize],
    queryFn: () =>
      unwrap<{ items: DispatchRecord[]; total: number }>(
        api.GET('/api/dispatch/records', { params: { query: { ...(status ? { status } : {}), page, pageSize } } }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useDispatchBacklog() {
  return useQuery({
    queryKey: ['dispatch-metrics'],
    queryFn: () => unwrap<DispatchBacklog>(api.GET('/api/dispatch/metrics')),
    refetchInterval: 15_000,
  });
}

export function useReplayRecord() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap<{ replayed: true }>(api.POST('/api/dispatch/records/{id}/replay', { params: { path: { id } } })),
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
      unwrap<ParkedEvent[]>(
        api.GET('/api/ops/parked-events/{service}', { params: { path: { service }, query: includeReplayed ? { includeReplayed: 'true' } : {} } }),
      ),
  });
}

export function useReplayParked(service: ServiceName) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap<{ replayed: boolean }>(api.POST('/api/ops/parked-events/{service}/{id}/replay', { params: { path: { service, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['parked-events', service] }),
  });
}
