import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { apiGet, apiPost } from '../../api/client';
import type { NotificationItem } from '../../api/types';
import { Empty, ErrorBox, Loading } from '../../components/states';
import { useResource } from '../../shared/use-resource';
import { dateTime } from '../../shared/words';

/** Where a notification leads. */
const TARGET: Record<string, string> = {
  INTERVIEW_INVITATION: '/pages/interviews/index',
  INTERVIEW_WITHDRAWN: '/pages/interviews/index',
  INTERVIEW_RESULT: '/pages/interviews/index',
  SIGNING_OFFER: '/pages/offers/index',
  SIGNING_OFFER_EXPIRED: '/pages/offers/index',
};

interface Inbox {
  items: NotificationItem[];
  total: number;
  unread: number;
}

/** 消息: the notification inbox; unread ones are marked and become read when opened. */
export default function MessagesPage() {
  const res = useResource(async () => {
    const inbox = await apiGet<Inbox>('/api/me/notifications', { query: { pageSize: 50 } });
    if (inbox.unread > 0)
      void Taro.setTabBarBadge({ index: 2, text: String(inbox.unread) }).catch(() => undefined);
    else void Taro.removeTabBarBadge({ index: 2 }).catch(() => undefined);
    return inbox;
  });

  const open = async (n: NotificationItem) => {
    if (!n.readAt) {
      await apiPost('/api/me/notifications/{id}/read', { path: { id: n.id } }).catch(
        () => undefined,
      );
      await res.reload();
    }
    const target =
      TARGET[n.kind] ??
      (n.kind.startsWith('AGREEMENT') || n.kind.startsWith('REVIEW')
        ? '/pages/agreements/index'
        : n.kind.startsWith('TERMINATION')
          ? '/pages/termination/index'
          : null);
    if (target) await Taro.navigateTo({ url: target });
  };

  return (
    <View className="page">
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {res.data ? (
        <Text className="hint">
          {res.data.unread > 0 ? `${res.data.unread} 条未读消息` : '没有未读消息'}
        </Text>
      ) : null}
      {res.data && res.data.items.length === 0 ? <Empty>暂无消息</Empty> : null}
      {res.data?.items.map((n) => (
        <View
          className="card"
          key={n.id}
          role="article"
          aria-label={`${n.readAt ? '' : '未读 '}${n.title}`}
          onClick={() => void open(n)}
        >
          <View style={{ display: 'flex', alignItems: 'center' }}>
            {n.readAt ? null : <View className="dot" aria-label="未读" />}
            <Text className="card-title" style={{ marginBottom: 0 }}>
              {n.title}
            </Text>
          </View>
          <Text className="hint">{n.body}</Text>
          <Text className="muted">
            {dateTime(n.createdAt)}
            {n.readAt ? ' · 已读' : ' · 未读'}
          </Text>
        </View>
      ))}
    </View>
  );
}
