/** How the portal names the API's codes to people (school, counsellor and province pages). */
export const METHOD_LABELS: Record<string, string> = {
  RECRUITING: '校园招聘签约',
  EMPLOYER_DIRECT: '单位直接签约',
  QR_CARD: '二维码名片签约',
};

export const AGREEMENT_STATUS_LABELS: Record<string, string> = {
  PENDING_REVIEW: '签约成功，待学校审核',
  APPROVED: '已审核通过',
  REJECTED: '已驳回',
  TERMINATED: '已解除',
};

export const REVIEW_STATUS_LABELS: Record<string, string> = {
  PENDING: '待审核',
  APPROVED: '已通过',
  REJECTED: '已驳回',
  CANCELLED: '已取消（协议已解除）',
};

export const DESTINATION_LABELS: Record<string, string> = {
  AWAITING_EMPLOYMENT: '待就业',
  SIGNED_ONLINE: '已网上签约',
  SIGNED_OFFLINE: '线下签约',
  FURTHER_STUDY: '升学',
  OTHER: '其他',
};

export const SUPERIOR_AUTHORITY_LABELS: Record<string, string> = {
  EMPLOYMENT_PLACE_TALENT_SERVICE: '就业地人才服务机构',
  ORIGIN_PLACE: '生源地',
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
  WITHDRAWN: '学生已撤回',
  CLOSED: '已关闭',
};

export const STAFF_ROLE_LABELS: Record<string, string> = {
  SCHOOL_ADMIN: '学校管理员',
  DEPARTMENT_STAFF: '院系老师',
  COUNSELLOR: '辅导员',
};

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
}
