import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

export type StaffAccount = Schema<'StaffAccount'>;
export type StaffRole = StaffAccount['role'];

export const staffKeys = { school: (schoolCode: string) => ['staff', schoolCode] as const };

export function useStaff(
  schoolCode: string,
  filters: { role?: StaffRole; page: number; pageSize: number },
  enabled = true,
) {
  return useQuery({
    queryKey: [...staffKeys.school(schoolCode), filters],
    enabled: enabled && Boolean(schoolCode),
    queryFn: () =>
      unwrap(
        api.GET('/api/schools/{schoolCode}/staff', {
          params: { path: { schoolCode }, query: filters },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

function useStaffMutation<Input, Output>(
  schoolCode: string,
  run: (input: Input) => Promise<Output>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffKeys.school(schoolCode) }),
  });
}

export interface NewStaff {
  username: string;
  password: string;
  role: StaffRole;
  departmentCode?: string;
  classNames?: string[];
}

export function useCreateStaff(schoolCode: string) {
  return useStaffMutation(schoolCode, (body: NewStaff) =>
    unwrap(api.POST('/api/schools/{schoolCode}/staff', { params: { path: { schoolCode } }, body })),
  );
}

export function useUpdateStaff(schoolCode: string) {
  return useStaffMutation(
    schoolCode,
    (input: { userId: string; departmentCode?: string; classNames?: string[] }) => {
      const { userId, ...body } = input;
      return unwrap(
        api.PATCH('/api/schools/{schoolCode}/staff/{userId}', {
          params: { path: { schoolCode, userId } },
          body,
        }),
      );
    },
  );
}

export function useDeactivateStaff(schoolCode: string) {
  return useStaffMutation(schoolCode, (input: { userId: string; reason: string }) =>
    unwrap(
      api.POST('/api/schools/{schoolCode}/staff/{userId}/deactivation', {
        params: { path: { schoolCode, userId: input.userId } },
        body: { reason: input.reason },
      }),
    ),
  );
}

export function useReactivateStaff(schoolCode: string) {
  return useStaffMutation(schoolCode, (userId: string) =>
    unwrap(
      api.POST('/api/schools/{schoolCode}/staff/{userId}/reactivation', {
        params: { path: { schoolCode, userId } },
        body: {},
      }),
    ),
  );
}
