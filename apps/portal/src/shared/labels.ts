/** How the portal names the API's codes to people (API.md's vocabulary, in Chinese). */
export const AGREEMENT_STATUS_LABELS: Record<string, string> = {
  PENDING_REVIEW: '签约成功，待学校审核',
  APPROVED: '审核通过',
  REJECTED: '审核未通过',
  TERMINATED: '已解除',
};

export const AGREEMENT_STATUS_COLORS: Record<string, string> = {
  PENDING_REVIEW: 'processing',
  APPROVED: 'success',
  REJECTED: 'error',
  TERMINATED: 'default',
};

export const SIGNING_METHOD_LABELS: Record<string, string> = {
  RECRUITING: '校园招聘签约',
  EMPLOYER_DIRECT: '用人单位直接签约',
  QR_CARD: '二维码名片签约',
};

export const SUPERIOR_AUTHORITY_LABELS: Record<string, string> = {
  EMPLOYMENT_PLACE_TALENT_SERVICE: '就业地人才服务机构',
  ORIGIN_PLACE: '生源地',
};

export const COPY_LABELS: Record<string, string> = {
  EMPLOYER: '第一联 用人单位',
  GRADUATE: '第二联 毕业生',
  SCHOOL: '第三联 学校',
};

export const DESTINATION_LABELS: Record<string, string> = {
  AWAITING_EMPLOYMENT: '待就业',
  SIGNED_ONLINE: '网上签约',
  SIGNED_OFFLINE: '线下签约',
  FURTHER_STUDY: '升学',
  OTHER: '其他',
};

export const ROLE_ACTOR_LABELS: Record<string, string> = {
  GRADUATE: '毕业生',
  EMPLOYER: '用人单位',
  DEPARTMENT_STAFF: '院系老师',
  COUNSELLOR: '辅导员',
  SCHOOL_ADMIN: '学校管理员',
  PROVINCE_ADMIN: '省厅管理员',
  SERVICE: '系统',
};

export function label(map: Record<string, string>, code: string | null | undefined): string {
  if (!code) return '—';
  return map[code] ?? code;
}

/** 2026-06-01T08:30:00Z → 2026-06-01 16:30 (the viewer's time zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/* ---- School, counsellor and province pages. */

export const METHOD_LABELS = SIGNING_METHOD_LABELS;

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  PENDING: '待审核',
  APPROVED: '已通过',
  REJECTED: '已驳回',
  CANCELLED: '已取消（协议已解除）',
};

export const QUALIFICATION_KIND_LABELS: Record<string, string> = {
  BUSINESS_LICENSE: '营业执照',
  ORGANIZATION_CERTIFICATE: '组织机构代码证',
  RECRUITMENT_LETTER: '招聘函',
  OTHER: '其他材料',
};

export const TERMINATION_STATUS_LABELS: Record<string, string> = {
  PENDING: '待处理',
  AGREED: '已同意解约',
  DISAGREED: '不同意解约',
  WITHDRAWN: '已撤回',
  CLOSED: '已关闭',
};

/** Who applied to terminate: either party of the agreement. */
export const TERMINATION_APPLICANT_LABELS: Record<string, string> = {
  GRADUATE: '毕业生',
  EMPLOYER: '用人单位',
};

export const STAFF_ROLE_LABELS: Record<string, string> = {
  SCHOOL_ADMIN: '学校管理员',
  DEPARTMENT_STAFF: '院系老师',
  COUNSELLOR: '辅导员',
};
