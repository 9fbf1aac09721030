import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './api/client';

/** The school directory (code, name, departments), for pickers: anyone signed in may read it. */
export function useSchoolDirectory(enabled = true) {
  return useQuery({
    queryKey: ['schools'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => (await unwrap(api.GET('/api/schools'))).items,
  });
}

/** The departments of a school (code and name), for filters and forms of the school's pages. */
export function useSchoolDepartments(schoolCode: string | undefined) {
  return useQuery({
    queryKey: ['school-departments', schoolCode],
    enabled: Boolean(schoolCode),
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const school = await unwrap(
        api.GET('/api/schools/{schoolCode}', { params: { path: { schoolCode: schoolCode! } } }),
      );
      return school.departments;
    },
  });
}
