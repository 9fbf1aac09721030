import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { apiGet, apiPost, messageOf } from '../../api/client';
import { itemsOf, type ApplicationView, type InvitationView, type Paged } from '../../api/types';
import { Empty, ErrorBox, Loading, Row } from '../../components/states';
import { useResource } from '../../shared/use-resource';
import { dateTime, INVITATION_STATUS } from '../../shared/words';

/** 面试邀请: accept or decline each invitation. */
export default function InterviewsPage() {
  const res = useResource(async () => {
    const [invitations, applications] = await Promise.all([
      apiGet<InvitationView[] | Paged<InvitationView>>('/api/interview-invitations'),
      apiGet<ApplicationView[] | Paged<ApplicationView>>('/api/applications'),
    ]);
    const titles = new Map(itemsOf(applications).map((a) => [a.id, a.positionTitle]));
    return itemsOf(invitations).map((i) => ({
      ...i,
      positionTitle: titles.get(i.applicationId) ?? '岗位',
    }));
  });
  const [notice, setNotice] = useState<{ id: string; ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const respond = async (id: string, accept: boolean) => {
    setBusy(id);
    setNotice(null);
    try {
      await apiPost('/api/interview-invitations/{id}/response', { path: { id }, body: { accept } });
      setNotice({
        id,
        ok: true,
        text: accept ? '已接受面试邀请，请按时参加面试。' : '已拒绝面试邀请。',
      });
      await res.reload();
    } catch (e) {
      setNotice({ id, ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className="page">
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && res.data.length === 0 ? (
        <Empty>还没有面试邀请。投递简历后，单位的邀请会出现在这里。</Empty>
      ) : null}
      {res.data?.map((inv) => (
        <View
          className="card"
          key={inv.id}
          role="article"
          aria-label={`${inv.positionTitle} 面试邀请`}
        >
          <Text className="card-title">{inv.positionTitle}</Text>
          <Text className={inv.status === 'SENT' ? 'tag tag-warn' : 'tag'}>
            {INVITATION_STATUS[inv.status] ?? inv.status}
          </Text>
          <Row label="面试时间" value={dateTime(inv.at)} />
          <Row label="面试地点" value={inv.place} />
          {inv.note ? <Row label="说明" value={inv.note} /> : null}
          {inv.respondBy ? <Row label="请在此前回复" value={dateTime(inv.respondBy)} /> : null}
          {notice?.id === inv.id ? (
            <View
              className={`alert ${notice.ok ? 'alert-ok' : 'alert-error'}`}
              role={notice.ok ? 'status' : 'alert'}
            >
              <Text>{notice.text}</Text>
            </View>
          ) : null}
          {inv.status === 'SENT' ? (
            <View className="btn-row">
              <Button
                className="btn"
                disabled={busy === inv.id}
                onClick={() => void respond(inv.id, true)}
              >
                接受面试
              </Button>
              <Button
                className="btn-danger"
                disabled={busy === inv.id}
                onClick={() => void respond(inv.id, false)}
              >
                拒绝
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}
