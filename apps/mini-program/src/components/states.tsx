import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

export function Loading() {
  return <Text className="loading">加载中…</Text>;
}

export function ErrorBox({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className="alert alert-error" role="alert">
      <Text>{message}</Text>
      {onRetry ? (
        <Text style={{ marginLeft: '12px', textDecoration: 'underline' }} onClick={onRetry}>
          重试
        </Text>
      ) : null}
    </View>
  );
}

export function Empty({ children }: { children: string }) {
  return <Text className="empty">{children}</Text>;
}

/** A row that opens another page. */
export function MenuItem({ title, url, badge }: { title: string; url: string; badge?: string }) {
  return (
    <View className="menu-item" role="link" onClick={() => void Taro.navigateTo({ url })}>
      <Text>{title}</Text>
      <Text className="menu-arrow">{badge ? `${badge}  ›` : '›'}</Text>
    </View>
  );
}

export function Row({
  label,
  value,
}: {
  label: string;
  value: string | number | null | undefined;
}) {
  return (
    <View className="row">
      <Text className="row-label">{label}</Text>
      <Text className="row-value">
        {value === null || value === undefined || value === '' ? '—' : String(value)}
      </Text>
    </View>
  );
}
