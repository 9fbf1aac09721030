import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { apiGet, apiPost, messageOf } from '../../api/client';
import { itemsOf, type OfferView, type Paged, type SignResult } from '../../api/types';
import { SigningGate } from '../../components/signing-gate';
import { Empty, ErrorBox, Loading, Row } from '../../components/states';
import { isConfirmed, loadMe } from '../../shared/me';
import { useResource } from '../../shared/use-resource';
import { AGREEMENT_STATUS, dateTime, OFFER_STATUS } from '../../shared/words';

/** 签约通知: accept (this signs the agreement) or decline an employer's signing offer. */
export default function OffersPage() {
  const res = useResource(async () => {
    const [me, offers] = await Promise.all([
      loadMe(),
      apiGet<OfferView[] | Paged<OfferView>>('/api/signing-offers'),
    ]);
    return { confirmed: isConfirmed(me), offers: itemsOf(offers) };
  });
  const [notice, setNotice] = useState<{ id: string; ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // The offer turns ACCEPTED once the signed agreement's event reaches recruiting (a moment later):
  // until the list says so, the answer just given is what the page shows, so nobody answers twice.
  const [answered, setAnswered] = useState<Record<string, OfferView['status']>>({});
  const shown = (o: OfferView): OfferView =>
    o.status === 'SENT' && answered[o.id] ? { ...o, status: answered[o.id]! } : o;

  const respond = async (id: string, accept: boolean) => {
    setBusy(id);
    setNotice(null);
    try {
      const answer = await apiPost<SignResult | OfferView>('/api/signing-offers/{id}/response', {
        path: { id },
        body: { accept },
      });
      const signed = accept && 'agreementNo' in answer;
      setAnswered((a) => ({ ...a, [id]: accept ? 'ACCEPTED' : 'DECLINED' }));
      setNotice({
        id,
        ok: true,
        text: signed
          ? `${AGREEMENT_STATUS.PENDING_REVIEW}（协议编号 ${answer.agreementNo}）`
          : '已拒绝签约通知。',
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
      {res.data && !res.data.confirmed ? <SigningGate /> : null}
      {res.data && res.data.offers.length === 0 ? (
        <Empty>还没有签约通知。面试通过后，单位发出的签约通知会出现在这里。</Empty>
      ) : null}
      {res.data?.offers.map(shown).map((o) => (
        <View
          className="card"
          key={o.id}
          role="article"
          aria-label={`${o.position.title} 签约通知`}
        >
          <Text className="card-title">{o.position.title}</Text>
          <Text
            className={
              o.status === 'SENT'
                ? 'tag tag-warn'
                : o.status === 'ACCEPTED'
                  ? 'tag tag-ok'
                  : 'tag tag-muted'
            }
          >
            {o.status === 'ACCEPTED'
              ? AGREEMENT_STATUS.PENDING_REVIEW
              : (OFFER_STATUS[o.status] ?? o.status)}
          </Text>
          <Row label="工作地点" value={o.terms.workLocation} />
          <Row label="月薪（元）" value={o.terms.monthlySalary} />
          <Row label="试用期" value={`${o.terms.probationMonths} 个月`} />
          <Row label="合同期限" value={`${o.terms.contractYears} 年`} />
          {o.terms.otherTerms ? <Row label="其他约定" value={o.terms.otherTerms} /> : null}
          {o.expiresAt ? <Row label="回复截止" value={dateTime(o.expiresAt)} /> : null}
          {notice?.id === o.id ? (
            <View
              className={`alert ${notice.ok ? 'alert-ok' : 'alert-error'}`}
              role={notice.ok ? 'status' : 'alert'}
            >
              <Text>{notice.text}</Text>
            </View>
          ) : null}
          {o.status === 'SENT' ? (
            <>
              <Text className="hint">接受即表示同意与该单位签订就业协议，之后须经学校审核。</Text>
              <View className="btn-row">
                <Button
                  className="btn"
                  disabled={busy === o.id || !res.data?.confirmed}
                  onClick={() => void respond(o.id, true)}
                >
                  接受并签约
                </Button>
                <Button
                  className="btn-danger"
                  disabled={busy === o.id}
                  onClick={() => void respond(o.id, false)}
                >
                  拒绝
                </Button>
              </View>
            </>
          ) : null}
        </View>
      ))}
    </View>
  );
}
