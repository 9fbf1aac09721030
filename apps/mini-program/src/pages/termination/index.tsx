import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { apiGet, apiPost, messageOf } from '../../api/client';
import { itemsOf, type Paged, type TerminationView } from '../../api/types';
import { chooseFiles, MAX_FILE_BYTES, uploadFiles, type ChosenFile } from '../../api/upload';
import { Empty, ErrorBox, Loading, Row } from '../../components/states';
import { activeAgreement, loadAgreements } from '../../shared/me';
import { useResource } from '../../shared/use-resource';
import { dateTime, fileSize, ROLE, TERMINATION_STATUS } from '../../shared/words';

const ALLOWED = /\.(pdf|jpe?g|png)$/i;

/**
 * 派遣 → 解除就业协议申请: reason and materials, then the counsellor's decision; an application the
 * employer made is listed too (申请方 用人单位), which only the employer may withdraw.
 */
export default function TerminationPage() {
  const res = useResource(async () => {
    const [agreements, terminations] = await Promise.all([
      loadAgreements(),
      apiGet<TerminationView[] | Paged<TerminationView>>('/api/terminations', {
        query: { pageSize: 50 },
      }),
    ]);
    const list = itemsOf(terminations).sort((a, b) => (a.appliedAt < b.appliedAt ? 1 : -1));
    return { agreement: activeAgreement(agreements), terminations: list };
  });
  const [reason, setReason] = useState('');
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const pick = async (source: 'album' | 'chat' | 'any') => {
    setFileError(null);
    try {
      const chosen = await chooseFiles(source);
      const tooBig = chosen.filter((f) => f.size > MAX_FILE_BYTES);
      const wrongType = chosen.filter((f) => !ALLOWED.test(f.name));
      if (tooBig.length)
        setFileError(
          `${tooBig.map((f) => f.name).join('、')} 超过 10 MB，未添加。请压缩或分页扫描后再选。`,
        );
      else if (wrongType.length)
        setFileError(
          `${wrongType.map((f) => f.name).join('、')} 不是 PDF 或 JPG/PNG 图片，未添加。`,
        );
      const ok = chosen.filter((f) => f.size <= MAX_FILE_BYTES && ALLOWED.test(f.name));
      setFiles((old) => [...old, ...ok].slice(0, 10));
    } catch {
      // the graduate closed the chooser
    }
  };

  const submit = async (agreementId: string) => {
    setNotice(null);
    setProgress(0);
    try {
      await uploadFiles<TerminationView>(
        '/api/terminations',
        { agreementId, reason: reason.trim() },
        'materials',
        files,
        setProgress,
      );
      setNotice({ ok: true, text: '解约申请已提交，请等待辅导员审核。' });
      setReason('');
      setFiles([]);
      await res.reload();
    } catch (e) {
      setNotice({ ok: false, text: messageOf(e) });
    } finally {
      setProgress(null);
    }
  };

  const withdraw = async (id: string) => {
    setNotice(null);
    try {
      await apiPost('/api/terminations/{id}/withdrawal', { path: { id } });
      setNotice({ ok: true, text: '解约申请已撤回。' });
      await res.reload();
    } catch (e) {
      setNotice({ ok: false, text: messageOf(e) });
    }
  };

  const open = res.data?.terminations.find((t) => t.status === 'PENDING');
  const agreement = res.data?.agreement;
  return (
    <View className="page">
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      {notice ? (
        <View
          className={`alert ${notice.ok ? 'alert-ok' : 'alert-error'}`}
          role={notice.ok ? 'status' : 'alert'}
        >
          <Text>{notice.text}</Text>
        </View>
      ) : null}
      {res.data && !agreement && !open ? (
        <Empty>你目前没有生效的就业协议，无需申请解约。</Empty>
      ) : null}
      {agreement && !open ? (
        <View className="card">
          <Text className="card-title">申请解除协议</Text>
          <Row label="用人单位" value={agreement.employer.name} />
          <Row label="协议编号" value={agreement.agreementNo} />
          <View className="field" style={{ marginTop: '16px' }}>
            <Text className="field-label">解约原因</Text>
            <Textarea
              className="field-textarea"
              ariaLabel="解约原因"
              maxlength={500}
              value={reason}
              onInput={(e) => setReason(e.detail.value)}
            />
          </View>
          <Text className="field-label">解约材料</Text>
          <Text className="hint">
            请上传单位同意解约的证明等材料：PDF 文件或 JPG、PNG 图片，每个文件不超过 10 MB，最多 10
            个。超过 10 MB 的文件请压缩或分页扫描后再上传。
          </Text>
          {files.map((f, i) => (
            <View className="file-item" key={`${f.name}-${i}`}>
              <Text>
                {f.name}（{fileSize(f.size)}）
              </Text>
              <Text
                style={{ color: '#d83931' }}
                onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}
              >
                移除
              </Text>
            </View>
          ))}
          {fileError ? (
            <View role="alert">
              <Text className="field-error">{fileError}</Text>
            </View>
          ) : null}
          {process.env.TARO_ENV === 'h5' ? (
            <Button className="btn-plain" onClick={() => void pick('any')}>
              选择材料文件
            </Button>
          ) : (
            <View className="btn-row">
              <Button className="btn-plain" onClick={() => void pick('album')}>
                选择图片
              </Button>
              <Button className="btn-plain" onClick={() => void pick('chat')}>
                从聊天选 PDF
              </Button>
            </View>
          )}
          {progress !== null ? (
            <View
              role="progressbar"
              aria-valuenow={progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label="上传进度"
            >
              <View className="progress">
                <View className="progress-bar" style={{ width: `${progress}%` }} />
              </View>
              <Text className="muted">正在上传 {progress}%</Text>
            </View>
          ) : null}
          <Button
            className="btn"
            disabled={progress !== null || !reason.trim() || files.length === 0}
            onClick={() => void submit(agreement.id)}
          >
            提交解约申请
          </Button>
        </View>
      ) : null}
      {res.data && res.data.terminations.length > 0 ? (
        <Text className="card-title">解约申请</Text>
      ) : null}
      {res.data?.terminations.map((t) => (
        <View className="card" key={t.id} role="article" aria-label={`解约申请 ${t.agreementNo}`}>
          <Text
            className={
              t.status === 'AGREED'
                ? 'tag tag-ok'
                : t.status === 'PENDING'
                  ? 'tag tag-warn'
                  : t.status === 'DISAGREED'
                    ? 'tag tag-error'
                    : 'tag tag-muted'
            }
          >
            {TERMINATION_STATUS[t.status] ?? t.status}
          </Text>
          <Row label="申请方" value={t.applicant === 'EMPLOYER' ? '用人单位' : '本人'} />
          <Row label="用人单位" value={t.employerName} />
          <Row label="协议编号" value={t.agreementNo} />
          <Row label="申请时间" value={dateTime(t.appliedAt)} />
          <Row label="解约原因" value={t.reason} />
          <Row
            label="材料"
            value={t.materials.map((m) => `${m.fileName}（${fileSize(m.size)}）`).join('、')}
          />
          {t.decision ? (
            <View
              className={`alert ${t.decision.decision === 'AGREE' ? 'alert-ok' : 'alert-error'}`}
            >
              <Text>
                {ROLE[t.decision.decider.role] ?? '辅导员'}于 {dateTime(t.decision.decidedAt)}
                {t.decision.decision === 'AGREE' ? '同意解约' : '不同意解约'}
                {t.decision.reason ? `：${t.decision.reason}` : ''}
              </Text>
            </View>
          ) : null}
          {t.status === 'PENDING' && t.applicant === 'EMPLOYER' ? (
            <Text className="hint">
              用人单位已申请解除协议，待辅导员审核；只有用人单位可以撤回。
            </Text>
          ) : null}
          {t.status === 'PENDING' && t.applicant !== 'EMPLOYER' ? (
            <Button className="btn-danger" onClick={() => void withdraw(t.id)}>
              撤回申请
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  );
}
