import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AgreementTerms,
  ApplicationView,
  InvitationView,
  OfferView,
  Paged,
  PositionInput,
  PositionView,
} from '@netsign/contracts';
import { api, unwrap } from '../../shared/api/client';

export type { ApplicationView, InvitationView, OfferView, PositionInput, PositionView };

const keys = {
  positions: (employerId: string | undefined, page: number) =>
    ['positions', employerId, page] as const,
  allPositions: ['positions'] as const,
  applications: (positionId: string | undefined, page: number) =>
    ['applications', positionId, page] as const,
  invitations: ['interview-invitations'] as const,
  offers: ['signing-offers'] as const,
};

/** The employer's open positions (closed ones leave the list, API.md). */
export function usePositions(employerId: string | undefined, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: keys.positions(employerId, page),
    queryFn: () =>
      unwrap<Paged<PositionView>>(
        api.GET('/api/positions', { params: { query: { employerId, page, pageSize } as never } }),
      ),
    enabled: Boolean(employerId),
    placeholderData: keepPreviousData,
  });
}

export function useCreatePosition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PositionInput) =>
      unwrap<{ id: string }>(api.POST('/api/positions', { body: body as never })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.allPositions }),
  });
}

export function useUpdatePosition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      positionId,
      changes,
    }: {
      positionId: string;
      changes: Partial<PositionInput>;
    }) =>
      unwrap<PositionView>(
        api.PATCH('/api/positions/{positionId}', {
          params: { path: { positionId } },
          body: changes as never,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.allPositions }),
  });
}

export function useClosePosition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (positionId: string) =>
      unwrap<PositionView>(
        api.POST('/api/positions/{positionId}/close', { params: { path: { positionId } } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.allPositions }),
  });
}

export function useApplications(positionId: string | undefined, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: keys.applications(positionId, page),
    queryFn: () =>
      unwrap<Paged<ApplicationView>>(
        api.GET('/api/applications', {
          params: { query: { positionId, page, pageSize } as never },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: keys.invitations,
    queryFn: () =>
      unwrap<Paged<InvitationView>>(
        api.GET('/api/interview-invitations', {
          params: { query: { page: 1, pageSize: 100 } as never },
        }),
      ),
  });
}

export function useOffers() {
  return useQuery({
    queryKey: keys.offers,
    queryFn: () =>
      unwrap<Paged<OfferView>>(
        api.GET('/api/signing-offers', { params: { query: { page: 1, pageSize: 100 } as never } }),
      ),
  });
}

export interface InvitationInput {
  at: string;
  place: string;
  note?: string;
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ applicationId, body }: { applicationId: string; body: InvitationInput }) =>
      unwrap<InvitationView>(
        api.POST('/api/applications/{applicationId}/interview-invitations', {
          params: { path: { applicationId } },
          body: body as never,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.invitations });
      await queryClient.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}

export interface InterviewResultInput {
  passed: boolean;
  offer?: { positionId: string; terms: AgreementTerms };
}

export function useRecordResult() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ invitationId, body }: { invitationId: string; body: InterviewResultInput }) =>
      unwrap<{ id: string; passed: boolean; offer: { id: string; status: string } | null }>(
        api.POST('/api/interview-invitations/{id}/result', {
          params: { path: { id: invitationId } },
          body: body as never,
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: keys.invitations });
      await queryClient.invalidateQueries({ queryKey: keys.offers });
    },
  });
}
