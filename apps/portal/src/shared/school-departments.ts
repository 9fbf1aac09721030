import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

/**
 * The departments of a school as the statistics name them (code and name), for filters and forms
 * of the school's pages. School staff may read their own school's figures.
 */
export function useSchoolDepartments(schoolCode: string | undefined) {
  return useQuery({
    queryKey: ['school-departments', schoolCode],
    enabled: Boolean(schoolCode),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const stats = await unwrap(
        api.GET('/api/statistics/online-signing', { params: { query: { schoolCode } } }),
      );
      const school = stats.schools.find((s) => s.schoolCode === schoolCode);
      return (school?.departments ?? []).map((d) => ({ code: d.departmentCode, name: d.departmentName }));
    },
  });
}
