import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** The phone frame of the pages a QR code opens: one column, no side menu, large type. */
export function MobileLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5' }}>
      <title>{`${title} - 网签平台`}</title>
      <header style={{ background: '#0958d9', color: '#fff', padding: '14px 16px' }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {title}
        </Typography.Title>
      </header>
      <main style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>{children}</main>
    </div>
  );
}
