import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default palette puts several texts below WCAG AA contrast (4.5:1): the primary blue
 * of links (#1677ff, 4.1:1), status tags (green #52c41a 2.1:1, gold #faad14 1.9:1, red #ff4d4f
 * 3.2:1 on their light backgrounds), secondary text and placeholders (45 % and 25 % black). axe-core
 * reports them as serious. These are the darker shades of the same hues, each ≥ 4.5:1 where used.
 * Ant Design derives the light backgrounds of tags and alerts, and the hover shade of a primary
 * button, from those colours: from a dark seed it derives a grey-green tag background (3.3:1) and a
 * lighter hover blue (white text 4.2:1), so they are set to the default palette's light tints and
 * to darker hover and active shades.
 */
export const portalTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorSuccess: '#237804',
    colorWarning: '#874d00',
    colorError: '#cf1322',
    colorPrimaryHover: '#003eb3',
    colorPrimaryActive: '#002c8c',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorLinkActive: '#002c8c',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.65)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    borderRadius: 6,
  },
  components: {
    // A table's "no data" line is drawn in the disabled-text colour (25 % black, 1.9:1).
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.58)' },
  },
};
