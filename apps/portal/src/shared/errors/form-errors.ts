import type { FormInstance } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { ApiFailure } from '../api/api-failure';

/**
 * Puts the fields a VALIDATION_FAILED answer named under the form's own inputs (the API's Chinese
 * message beside the field the person typed in). `fieldMap` turns API paths such as
 * `graduate.idNumber` into the form's names; unknown fields are left to the form's alert.
 * Returns true when at least one field was marked.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  fieldMap: Record<string, NamePath> = {},
): boolean {
  if (!(error instanceof ApiFailure)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
  const marks = error.fields.flatMap(({ field, message }) => {
    const name: NamePath | undefined = fieldMap[field] ?? (known.has(field) ? field : undefined);
    return name === undefined ? [] : [{ name, errors: [message || error.message] }];
  });
  if (marks.length) form.setFields(marks);
  return marks.length > 0;
}
