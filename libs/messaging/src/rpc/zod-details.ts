import type { z } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

/** Zod issues as the `details.fields` of a VALIDATION_FAILED error. */
export function zodIssuesToDetails(issues: z.core.$ZodIssue[]): { fields: FieldError[] } {
  return {
    fields: issues.map((issue) => ({
      field: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  };
}
