import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { SessionProvider } from '../shared/auth/session';
import { portalTheme } from '../shared/theme';

dayjs.locale('zh-cn');

/**
 * Query cache, Ant Design in Chinese (zh_CN, dayjs zh-cn), and the signed-in session. Ant Design's
 * App context (message, modal, notification) comes with the portal's frame (PortalLayout), so the
 * login page does not load it.
 */
export function Providers({
  queryClient,
  children,
}: {
  queryClient: QueryClient;
  children: ReactNode;
}) {
  return (
    <QueryClientProvider client={queryClient}>
      {/* Buttons keep their text as written (「登录」, not 「登 录」): what people read is what tests name. */}
      <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={portalTheme}>
        <SessionProvider>{children}</SessionProvider>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
