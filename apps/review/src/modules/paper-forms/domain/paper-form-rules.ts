import { ErrorCode, ServiceError, type PaperFormStatus } from '@netsign/contracts';

export interface FormState {
  id: string;
  status: PaperFormStatus;
}

/**
 * Each graduate holds at most one paper agreement form (纸质协议书). The first form is issued once;
 * any further one goes through re-issue with a reason, which voids the form still held.
 */
export function planIssue(forms: FormState[]): void {
  if (forms.length > 0) {
    throw new ServiceError(
      ErrorCode.INVALID_STATE,
      '该毕业生已领取过纸质协议书，补发请走补发流程',
      {
        held: forms.find((f) => f.status === 'ISSUED')?.id ?? null,
      },
    );
  }
}

export function planReissue(forms: FormState[]): { voids: string | null; replaces: string } {
  const latest = forms[0];
  if (!latest)
    throw new ServiceError(ErrorCode.INVALID_STATE, '该毕业生尚未领取纸质协议书，请直接发放');
  const held = forms.find((f) => f.status === 'ISSUED');
  return { voids: held?.id ?? null, replaces: held?.id ?? latest.id };
}
