/** The API's codes in the words a graduate reads. */
export const AGREEMENT_STATUS: Record<string, string> = {
  PENDING_REVIEW: '签约成功，待学校审核',
  APPROVED: '学校审核通过，可打印协议书',
  REJECTED: '学校审核未通过',
  TERMINATED: '已解除',
};

export const AGREEMENT_TAG: Record<string, string> = {
  PENDING_REVIEW: 'tag tag-warn',
  APPROVED: 'tag tag-ok',
  REJECTED: 'tag tag-error',
  TERMINATED: 'tag tag-muted',
};

export const METHOD: Record<string, string> = {
  RECRUITING: '校园招聘签约',
  EMPLOYER_DIRECT: '单位直接签约',
  QR_CARD: '二维码名片签约',
};

export const INVITATION_STATUS: Record<string, string> = {
  SENT: '待回复',
  WITHDRAWN: '单位已撤回',
  ACCEPTED: '已接受',
  DECLINED: '已拒绝',
  PASSED: '面试通过',
  FAILED: '面试未通过',
};

export const OFFER_STATUS: Record<string, string> = {
  SENT: '待回复',
  ACCEPTED: '已接受',
  DECLINED: '已拒绝',
  EXPIRED: '已过期',
};

export const APPLICATION_STATUS: Record<string, string> = {
  SUBMITTED: '已投递',
  INVITED: '已邀请面试',
  CLOSED: '已结束',
};

export const TERMINATION_STATUS: Record<string, string> = {
  PENDING: '待辅导员审核',
  AGREED: '辅导员同意解约',
  DISAGREED: '辅导员不同意解约',
  WITHDRAWN: '已撤回',
  CLOSED: '已关闭（协议审核未通过）',
};

export const ROLE: Record<string, string> = {
  GRADUATE: '毕业生',
  EMPLOYER: '用人单位',
  DEPARTMENT_STAFF: '院系老师',
  COUNSELLOR: '辅导员',
  SCHOOL_ADMIN: '学校管理员',
  PROVINCE_ADMIN: '省厅',
  SERVICE: '系统',
};

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
