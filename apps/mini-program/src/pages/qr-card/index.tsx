import { useCallback, useEffect, useState } from 'react';
import { Button, Image, Text, View } from '@tarojs/components';
import { apiPost, messageOf } from '../../api/client';
import type { QrCardIssued } from '../../api/types';
import { SigningGate } from '../../components/signing-gate';
import { ErrorBox, Loading } from '../../components/states';
import { isConfirmed, loadMe } from '../../shared/me';
import { useResource } from '../../shared/use-resource';

function remaining(expiresAt: string, now: number): number {
  return Math.max(0, Math.floor((new Date(expiresAt).getTime() - now) / 1000));
}

/**
 * 我的 → 二维码名片: the recruiter scans it with WeChat and signs (method 3). The card expires
 * soon after it is issued; the page counts down and fetches a new one when it runs out.
 */
export default function QrCardPage() {
  const me = useResource(loadMe);
  const confirmed = isConfirmed(me.data);
  const [card, setCard] = useState<QrCardIssued | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const [refreshing, setRefreshing] = useState(false);

  const issue = useCallback(async () => {
    setRefreshing(true);
    try {
      setCard(await apiPost<QrCardIssued>('/api/me/qr-card'));
      setError(null);
    } catch (e) {
      setCard(null);
      setError(messageOf(e));
    } finally {
      setRefreshing(false);
    }
  }, []);

  useEffect(() => {
    if (confirmed) void issue();
  }, [confirmed, issue]);

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  const left = card ? remaining(card.expiresAt, now) : 0;
  useEffect(() => {
    if (card && left === 0 && !refreshing) void issue();
  }, [card, left, refreshing, issue]);

  const g = me.data?.graduate;
  return (
    <View className="page">
      {me.error ? <ErrorBox message={me.error} onRetry={() => void me.reload()} /> : null}
      {me.loading && !me.data ? <Loading /> : null}
      {me.data && !confirmed ? <SigningGate /> : null}
      {error ? <ErrorBox message={error} onRetry={() => void issue()} /> : null}
      {confirmed && !card && !error ? <Loading /> : null}
      {card && g ? (
        <View className="card" style={{ textAlign: 'center' }}>
          <Text className="card-title">{g.name}</Text>
          <Text className="hint">
            {g.schoolName} · {g.major} · {g.degree}
          </Text>
          <Image className="qr" src={card.qrPng} mode="aspectFit" ariaLabel="二维码名片" />
          <View role="timer">
            <Text className="countdown">
              {left > 0
                ? `${Math.floor(left / 60)} 分 ${String(left % 60).padStart(2, '0')} 秒后失效`
                : '正在刷新…'}
            </Text>
          </View>
          <Text className="hint">
            请招聘人员用微信扫一扫，核对你的信息后签约。到期会自动换新二维码，截图转发的旧码会失效。
          </Text>
          <Button className="btn-plain" disabled={refreshing} onClick={() => void issue()}>
            刷新二维码
          </Button>
        </View>
      ) : null}
    </View>
  );
}
