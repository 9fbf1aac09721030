import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default palette puts several texts below WCAG AA contrast (4.5:1): the primary blue
 * of links (#1677ff, 4.1:1), status tags (green #52c41a 2.1:1, gold #faad14 1.9:1, red #ff4d4f
 * 3.2:1 on their light backgrounds), secondary text and placeholders (45 % and 25 % black). axe-core
 * reports them as serious. These are the darker shades of the same hues, each ≥ 4.5:1 where used.
 */
export const portalTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorWarning: '#874d00',
    colorError: '#cf1322',
    colorLink: '#0958d9',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    borderRadius: 6,
  },
};
