import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import type { Schema } from '@netsign/api-client';
import { api, unwrap } from '../../shared/api/client';

export type ReviewTask = Schema<'ReviewTask'>;
export type ReviewTaskDetail = Schema<'ReviewTaskDetail'>;

export interface ReviewFilters {
  status?: 'PENDING' | 'APPROVED' | 'REJECTED' | 'CANCELLED';
  departmentCode?: string;
  method?: 'RECRUITING' | 'EMPLOYER_DIRECT' | 'QR_CARD';
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

export const reviewKeys = {
  all: ['review-tasks'] as const,
  list: (filters: ReviewFilters) => ['review-tasks', 'list', filters] as const,
  one: (taskId: string) => ['review-tasks', 'one', taskId] as const,
};

/** The review queue (网络签约管理), paged by the API, oldest first. */
export function useReviewTasks(filters: ReviewFilters) {
  return useQuery({
    queryKey: reviewKeys.list(filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/review-tasks', {
          params: {
            query: {
              ...filters,
              overdue:
                filters.overdue === undefined ? undefined : filters.overdue ? 'true' : 'false',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One task with the frozen agreement and the employer's qualification documents. */
export function useReviewTask(taskId: string) {
  return useQuery({
    queryKey: reviewKeys.one(taskId),
    queryFn: () => unwrap(api.GET('/api/review-tasks/{taskId}', { params: { path: { taskId } } })),
  });
}

export function useReviewDecision(taskId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { agreementId: string; decision: 'APPROVE' | 'REJECT'; reason?: string }) =>
      unwrap(
        api.POST('/api/agreements/{agreementId}/review', {
          params: { path: { agreementId: input.agreementId } },
          body: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      await queryClient.invalidateQueries({ queryKey: reviewKeys.one(taskId) });
    },
  });
}

/** The bytes of a qualification document, for the preview inside the page. */
export function loadQualificationDocument(agreementId: string, documentId: string): Promise<Blob> {
  return unwrap(
    api.GET('/api/agreements/{agreementId}/qualification-documents/{documentId}/content', {
      params: { path: { agreementId, documentId } },
      parseAs: 'blob',
    }),
  );
}
