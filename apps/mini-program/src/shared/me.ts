import { apiGet } from '../api/client';
import type { AgreementView, MeReply } from '../api/types';
import { itemsOf, type Paged } from '../api/types';

export const loadMe = () => apiGet<MeReply>('/api/me');

export async function loadAgreements(): Promise<AgreementView[]> {
  const list = itemsOf(await apiGet<AgreementView[] | Paged<AgreementView>>('/api/agreements'));
  return [...list].sort((a, b) => (a.signedAt < b.signedAt ? 1 : -1));
}

/** The agreement holding the graduate (at most one: 待审核 or 已通过). */
export function activeAgreement(list: AgreementView[]): AgreementView | undefined {
  return list.find((a) => a.status === 'PENDING_REVIEW' || a.status === 'APPROVED');
}

export function isConfirmed(me: MeReply | undefined): boolean {
  return Boolean(me?.graduate?.sourceInfoConfirmedAt ?? me?.graduate?.sourceInfoConfirmed);
}

export const CONFIRM_FIRST =
  '请先在「派遣 → 生源信息维护」中核对并确认你的生源信息，确认之后才能签约。';
