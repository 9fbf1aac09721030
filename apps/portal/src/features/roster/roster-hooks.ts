import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

/** A roster row as the graduates list shows it: the record plus destination and active agreement. */
export type GraduateRow = Schema<'RosterGraduate'>;
export type Destination = GraduateRow['destination'];
export type PaperForm = Schema<'PaperForm'>;
export type RosterRejection = Schema<'RosterImportResult'>['rejected'][number];

export interface GraduateFilters {
  destination?: Destination;
  departmentCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export const rosterKeys = {
  graduates: (schoolCode: string, filters?: GraduateFilters) =>
    filters ? (['graduates', schoolCode, filters] as const) : (['graduates', schoolCode] as const),
  paperForms: (schoolCode: string) => ['paper-forms', schoolCode] as const,
};

/** Imports a CSV or XLSX roster file; the answer lists each rejected row with its reason. */
export function useRosterImport(schoolCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/api/schools/{schoolCode}/roster', {
          params: { path: { schoolCode } },
          // multipart: the browser sets the boundary
          body: form as never,
          bodySerializer: (body: unknown) => body as FormData,
        }),
      );
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: rosterKeys.graduates(schoolCode) }),
  });
}

export function useGraduates(schoolCode: string, filters: GraduateFilters) {
  return useQuery({
    queryKey: rosterKeys.graduates(schoolCode, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/schools/{schoolCode}/graduates', {
          params: { path: { schoolCode }, query: filters },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useGraduateAction<Input>(schoolCode: string, run: (input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: rosterKeys.graduates(schoolCode) });
      await queryClient.invalidateQueries({ queryKey: rosterKeys.paperForms(schoolCode) });
    },
  });
}

export function useReleaseBinding(schoolCode: string) {
  return useGraduateAction(schoolCode, (graduateId: string) =>
    unwrap(
      api.DELETE('/api/schools/{schoolCode}/graduates/{graduateId}/wechat-binding', {
        params: { path: { schoolCode, graduateId } },
      }),
    ),
  );
}

export function useUnlock(schoolCode: string) {
  return useGraduateAction(schoolCode, (input: { graduateId: string; reason: string }) =>
    unwrap(
      api.POST('/api/schools/{schoolCode}/graduates/{graduateId}/unlock', {
        params: { path: { schoolCode, graduateId: input.graduateId } },
        body: { reason: input.reason },
      }),
    ),
  );
}

export function useSetDestination(schoolCode: string) {
  return useGraduateAction(
    schoolCode,
    (input: {
      graduateId: string;
      destination: Destination;
      note: string;
      destinationCode?: string;
    }) =>
      unwrap(
        api.PUT('/api/schools/{schoolCode}/graduates/{graduateId}/destination', {
          params: { path: { schoolCode, graduateId: input.graduateId } },
          body: {
            destination: input.destination,
            note: input.note,
            ...(input.destinationCode ? { destinationCode: input.destinationCode } : {}),
          },
        }),
      ),
  );
}

export function useIssuePaperForm(schoolCode: string) {
  return useGraduateAction(
    schoolCode,
    (input: { graduateId: string; formNo: string; reissueReason?: string }) =>
      input.reissueReason
        ? unwrap(
            api.POST('/api/schools/{schoolCode}/graduates/{graduateId}/paper-forms/reissue', {
              params: { path: { schoolCode, graduateId: input.graduateId } },
              body: { formNo: input.formNo, reason: input.reissueReason },
            }),
          )
        : unwrap(
            api.POST('/api/schools/{schoolCode}/graduates/{graduateId}/paper-forms', {
              params: { path: { schoolCode, graduateId: input.graduateId } },
              body: { formNo: input.formNo },
            }),
          ),
  );
}

export function usePaperForms(
  schoolCode: string,
  filters: { status?: PaperForm['status']; page: number; pageSize: number },
) {
  return useQuery({
    queryKey: [...rosterKeys.paperForms(schoolCode), filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/schools/{schoolCode}/paper-forms', {
          params: { path: { schoolCode }, query: filters },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}
