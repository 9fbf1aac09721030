/** Answer shapes, from the contracts library (one definition of each; types only, nothing bundled). */
export type {
  AccessTokenReply,
  AgreementView,
  ApplicationView,
  InvitationView,
  MeReply,
  NotificationItem,
  OfferView,
  PositionView,
  QrCardIssued,
  Resume,
  SignResult,
  TerminationView,
} from '@netsign/contracts';

export interface WechatLoginReply {
  accessToken: string;
  bound: boolean;
}

export interface Paged<T> {
  items: T[];
  total: number;
}

/** Lists answer an array, or `{items, total}` when paged (API.md). */
export function itemsOf<T>(answer: T[] | Paged<T> | null | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}
