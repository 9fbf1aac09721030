import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { apiGet, apiPost, messageOf } from '../../api/client';
import { itemsOf, type ApplicationView, type Paged, type PositionView } from '../../api/types';
import { Empty, ErrorBox, Loading } from '../../components/states';
import { useResource } from '../../shared/use-resource';
import { APPLICATION_STATUS } from '../../shared/words';

/** 岗位: open positions; apply with the resume (简历投递). */
export default function PositionsPage() {
  const [q, setQ] = useState('');
  const res = useResource(async () => {
    const [positions, applications] = await Promise.all([
      apiGet<PositionView[] | Paged<PositionView>>('/api/positions', {
        query: { q: q.trim() || undefined, pageSize: 50 },
      }),
      apiGet<ApplicationView[] | Paged<ApplicationView>>('/api/applications'),
    ]);
    return { positions: itemsOf(positions), applications: itemsOf(applications) };
  });
  const [notice, setNotice] = useState<{ id: string; ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const apply = async (position: PositionView) => {
    setBusy(position.id);
    setNotice(null);
    try {
      await apiPost('/api/positions/{positionId}/applications', {
        path: { positionId: position.id },
      });
      setNotice({ id: position.id, ok: true, text: '简历已投递，请留意面试邀请。' });
      await res.reload();
    } catch (e) {
      setNotice({ id: position.id, ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const applied = new Map((res.data?.applications ?? []).map((a) => [a.positionId, a]));
  return (
    <View className="page">
      <View className="card">
        <View className="btn-row">
          <Input
            className="field-input"
            ariaLabel="搜索岗位"
            placeholder="搜索岗位名称或地点"
            value={q}
            onInput={(e) => setQ(e.detail.value)}
            onConfirm={() => void res.reload()}
          />
        </View>
        <View className="btn-row">
          <Button className="btn-plain" onClick={() => void res.reload()}>
            搜索
          </Button>
          <Button
            className="btn-plain"
            onClick={() => void Taro.navigateTo({ url: '/pages/resume/index' })}
          >
            我的简历
          </Button>
        </View>
      </View>
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && res.data.positions.length === 0 ? <Empty>暂时没有招聘中的岗位</Empty> : null}
      {res.data?.positions.map((p) => {
        const application = applied.get(p.id);
        return (
          <View className="card" key={p.id} role="article" aria-label={p.title}>
            <Text className="card-title">{p.title}</Text>
            <Text className="hint">
              {p.location} · 招 {p.headcount} 人{p.salaryRange ? ` · ${p.salaryRange}` : ''}
            </Text>
            {p.description ? <Text className="hint">{p.description}</Text> : null}
            {notice?.id === p.id ? (
              <View
                className={`alert ${notice.ok ? 'alert-ok' : 'alert-error'}`}
                role={notice.ok ? 'status' : 'alert'}
              >
                <Text>{notice.text}</Text>
              </View>
            ) : null}
            {application ? (
              <Text className="tag tag-ok">
                {APPLICATION_STATUS[application.status] ?? application.status}
              </Text>
            ) : (
              <Button className="btn" disabled={busy === p.id} onClick={() => void apply(p)}>
                投递简历
              </Button>
            )}
          </View>
        );
      })}
    </View>
  );
}
