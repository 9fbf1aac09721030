import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** An agreement's status as the verification pages say it. */
export const STATUS_WORDS: Record<string, string> = {
  APPROVED: '有效（学校已审核通过）',
  TERMINATED: '已解除',
  REJECTED: '审核未通过',
  PENDING_REVIEW: '待学校审核',
};

/** The large verdict at the top of a verification answer: icon, title and one sentence. */
export function Verdict({
  icon,
  color,
  title,
  text,
}: {
  icon: ReactNode;
  color: string;
  title: string;
  text: string;
}) {
  return (
    <div style={{ textAlign: 'center', padding: '8px 0 16px' }}>
      <div style={{ fontSize: 56, color }} aria-hidden>
        {icon}
      </div>
      <Typography.Title level={2} style={{ margin: '8px 0', color }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph style={{ marginBottom: 0 }}>{text}</Typography.Paragraph>
    </div>
  );
}
