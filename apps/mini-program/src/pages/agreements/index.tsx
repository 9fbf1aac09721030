import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { messageOf } from '../../api/client';
import { openAgreementPdf, PdfRendering } from '../../api/pdf';
import type { AgreementView } from '../../api/types';
import { Empty, ErrorBox, Loading, Row } from '../../components/states';
import { activeAgreement, loadAgreements } from '../../shared/me';
import { useResource } from '../../shared/use-resource';
import { AGREEMENT_STATUS, AGREEMENT_TAG, dateTime, METHOD, ROLE } from '../../shared/words';

function historyLine(h: AgreementView['history'][number]): string {
  const who = h.actor ? (ROLE[h.actor.role] ?? h.actor.role) : '系统';
  return `${dateTime(h.at)} ${who}：${AGREEMENT_STATUS[h.to] ?? h.to}`;
}

function AgreementCard({ agreement }: { agreement: AgreementView }) {
  const [pdf, setPdf] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const rejection = [...agreement.history].reverse().find((h) => h.to === 'REJECTED');
  const termination = [...agreement.history].reverse().find((h) => h.to === 'TERMINATED');

  const open = async () => {
    setBusy(true);
    setPdf(null);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await openAgreementPdf(agreement.id, agreement.agreementNo);
          setPdf({
            ok: true,
            text:
              process.env.TARO_ENV === 'h5'
                ? '协议书 PDF 已下载，可打印或转发。'
                : '已打开协议书 PDF。',
          });
          return;
        } catch (e) {
          if (!(e instanceof PdfRendering) || attempt >= 10) throw e;
          setPdf({ ok: true, text: '协议书正在生成，请稍候…' });
          await new Promise((r) => setTimeout(r, 1500));
        }
      }
    } catch (e) {
      setPdf({
        ok: false,
        text: e instanceof PdfRendering ? '协议书仍在生成，请稍后再试。' : messageOf(e),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card" role="article" aria-label={`协议 ${agreement.agreementNo}`}>
      <Text className="card-title">{agreement.employer.name}</Text>
      <Text className={AGREEMENT_TAG[agreement.status]}>{AGREEMENT_STATUS[agreement.status]}</Text>
      <Row label="协议编号" value={agreement.agreementNo} />
      <Row label="岗位" value={agreement.position.title} />
      <Row label="签约方式" value={METHOD[agreement.method]} />
      <Row label="工作地点" value={agreement.terms.workLocation} />
      <Row label="月薪（元）" value={agreement.terms.monthlySalary} />
      <Row label="签约时间" value={dateTime(agreement.signedAt)} />
      {agreement.status === 'REJECTED' && rejection?.reason ? (
        <View className="alert alert-error">
          <Text>学校未通过审核，原因：{rejection.reason}。你可以重新签约。</Text>
        </View>
      ) : null}
      {agreement.status === 'TERMINATED' ? (
        <View className="alert alert-info">
          <Text>该协议已解除{termination?.reason ? `（${termination.reason}）` : ''}。</Text>
        </View>
      ) : null}
      {agreement.status === 'PENDING_REVIEW' ? (
        <Text className="hint">学校审核通过后即可打印协议书。</Text>
      ) : null}
      <Text className="field-label" style={{ marginTop: '16px' }}>
        办理记录
      </Text>
      {agreement.history.map((h, i) => (
        <View className="timeline-item" key={i}>
          <Text className="muted">{historyLine(h)}</Text>
          {h.reason ? <Text className="hint">理由：{h.reason}</Text> : null}
        </View>
      ))}
      {pdf ? (
        <View
          className={`alert ${pdf.ok ? 'alert-ok' : 'alert-error'}`}
          role={pdf.ok ? 'status' : 'alert'}
        >
          <Text>{pdf.text}</Text>
        </View>
      ) : null}
      {agreement.status === 'APPROVED' ? (
        <Button className="btn" disabled={busy} onClick={() => void open()}>
          {process.env.TARO_ENV === 'h5' ? '下载协议书 PDF' : '查看协议书 PDF'}
        </Button>
      ) : null}
    </View>
  );
}

/** 我的协议: every agreement, its status and history in words, the PDF once approved. */
export default function AgreementsPage() {
  const res = useResource(loadAgreements);
  const active = res.data ? activeAgreement(res.data) : undefined;
  return (
    <View className="page">
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {res.data && !active ? (
        <View className="alert alert-info">
          <Text>
            你目前没有生效的就业协议，可以重新签约（向单位出示二维码名片，或接受签约通知）。
          </Text>
          <Button
            className="btn-plain"
            onClick={() => void Taro.navigateTo({ url: '/pages/qr-card/index' })}
          >
            出示二维码名片
          </Button>
        </View>
      ) : null}
      {res.data && res.data.length === 0 ? <Empty>还没有就业协议</Empty> : null}
      {res.data?.map((a) => (
        <AgreementCard key={a.id} agreement={a} />
      ))}
    </View>
  );
}
