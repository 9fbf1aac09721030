import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { apiPost, messageOf } from '../../api/client';
import { ErrorBox, Loading, Row } from '../../components/states';
import { isConfirmed, loadMe } from '../../shared/me';
import { REGION_PICKER_URL, takeRegionChoice, type RegionChoice } from '../../shared/region-choice';
import { useResource } from '../../shared/use-resource';
import { dateTime } from '../../shared/words';

const CORRECTABLE = [
  { key: 'name', label: '姓名' },
  { key: 'gender', label: '性别' },
  { key: 'major', label: '专业' },
  { key: 'degree', label: '学历' },
  { key: 'className', label: '班级' },
  { key: 'originPlace', label: '生源地' },
] as const;
type Correctable = (typeof CORRECTABLE)[number]['key'];

/** 生源地 as recorded: the region's name, with its GB/T 2260 code when the record has one. */
function originOf(place: string, code: string | null | undefined): string {
  return code ? `${place}（${code}）` : place;
}

/** 派遣 → 生源信息维护: check the school's record; confirm it, or ask the school to correct it. */
export default function SourceInfoPage() {
  const res = useResource(loadMe);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [correcting, setCorrecting] = useState(false);
  const [field, setField] = useState<Correctable>('name');
  const [value, setValue] = useState('');
  const [region, setRegion] = useState<RegionChoice | null>(null);
  const [reason, setReason] = useState('');
  const g = res.data?.graduate;

  // Back from 选择生源地 (or sent here by it): the region picked there.
  useDidShow(() => {
    const picked = takeRegionChoice();
    if (!picked) return;
    setRegion(picked);
    setField('originPlace');
    setCorrecting(true);
  });

  const confirm = async () => {
    setBusy(true);
    setNotice(null);
    try {
      await apiPost('/api/me/source-info/confirmation');
      setNotice({ kind: 'ok', text: '生源信息已确认，现在可以签约了。' });
      await res.reload();
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  // 生源地 is sent as the region's full name (安徽省合肥市肥西县): the correction path takes text,
  // and an approved correction whose text is exactly one region's name gets that region's code.
  const corrected = field === 'originPlace' ? (region?.fullName ?? '') : value.trim();

  const requestCorrection = async () => {
    setBusy(true);
    setNotice(null);
    try {
      await apiPost('/api/me/source-info/corrections', {
        body: { changes: { [field]: corrected }, reason: reason.trim() },
      });
      setNotice({ kind: 'ok', text: '更正申请已提交，学校审核后会通知你。' });
      setCorrecting(false);
      setValue('');
      setRegion(null);
      setReason('');
    } catch (e) {
      setNotice({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !g ? <Loading /> : null}
      {notice ? (
        <View
          className={`alert ${notice.kind === 'ok' ? 'alert-ok' : 'alert-error'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <Text>{notice.text}</Text>
        </View>
      ) : null}
      {g ? (
        <>
          <View className="card">
            <Text className="card-title">学校登记的生源信息</Text>
            <Row label="学校" value={g.schoolName} />
            <Row label="院系" value={g.departmentName} />
            <Row label="专业" value={g.major} />
            <Row label="学历" value={g.degree} />
            <Row label="班级" value={g.className} />
            <Row label="学号" value={g.studentNo} />
            <Row label="姓名" value={g.name} />
            <Row label="性别" value={g.gender} />
            <Row label="身份证号" value={g.idNumberMasked} />
            <Row label="生源地" value={originOf(g.originPlace, g.originRegionCode)} />
            <Row label="毕业年份" value={g.graduationYear} />
          </View>
          {isConfirmed(res.data) ? (
            <View className="alert alert-ok">
              <Text>
                你已于 {dateTime(g.sourceInfoConfirmedAt)}{' '}
                确认生源信息。如仍发现错误，可以申请更正。
              </Text>
            </View>
          ) : (
            <View className="card">
              <Text className="hint">
                请逐项核对。信息与本人完全一致时点击「确认无误」，否则无法签约；如有错误请申请更正。
              </Text>
              <Button className="btn" disabled={busy} onClick={() => void confirm()}>
                确认无误
              </Button>
            </View>
          )}
          {correcting ? (
            <View className="card">
              <Text className="card-title">申请更正</Text>
              <View className="field">
                <Text className="field-label">要更正的项目</Text>
                <View className="chips" role="radiogroup" aria-label="要更正的项目">
                  {CORRECTABLE.map((c) => (
                    <View
                      key={c.key}
                      className={`chip${field === c.key ? ' chip-on' : ''}`}
                      role="radio"
                      aria-checked={field === c.key}
                      onClick={() => setField(c.key)}
                    >
                      <Text>{c.label}</Text>
                    </View>
                  ))}
                </View>
              </View>
              {field === 'originPlace' ? (
                <View className="field">
                  <Text className="field-label">正确的生源地</Text>
                  <View
                    className="field-input region-choice"
                    role="button"
                    aria-label={region ? `选择生源地，已选 ${region.fullName}` : '选择生源地'}
                    onClick={() => void Taro.navigateTo({ url: REGION_PICKER_URL })}
                  >
                    {region ? (
                      <View>
                        <Text className="region-choice-name">{region.fullName}</Text>
                        <Text className="region-choice-code">{`行政区划代码 ${region.code}`}</Text>
                      </View>
                    ) : (
                      <Text className="region-choice-empty">请选择省 / 市 / 区县</Text>
                    )}
                    <Text className="region-choice-action">
                      {region ? '重新选择 ›' : '去选择 ›'}
                    </Text>
                  </View>
                </View>
              ) : (
                <View className="field">
                  <Text className="field-label">正确的内容</Text>
                  <Input
                    className="field-input"
                    ariaLabel="正确的内容"
                    value={value}
                    onInput={(e) => setValue(e.detail.value)}
                  />
                </View>
              )}
              <View className="field">
                <Text className="field-label">更正理由</Text>
                <Textarea
                  className="field-textarea"
                  ariaLabel="更正理由"
                  value={reason}
                  onInput={(e) => setReason(e.detail.value)}
                />
              </View>
              <Text className="hint">身份证号有误请直接联系学校就业办重新导入。</Text>
              <Button
                className="btn"
                disabled={busy || !corrected || !reason.trim()}
                onClick={() => void requestCorrection()}
              >
                提交更正申请
              </Button>
            </View>
          ) : (
            <Button className="btn-plain" onClick={() => setCorrecting(true)}>
              信息有误，申请更正
            </Button>
          )}
        </>
      ) : null}
    </View>
  );
}
