import { useEffect, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ApiFailure, apiGet, apiPost, messageOf } from '../../api/client';
import { clearToken, loginCode, setToken } from '../../api/session';
import type { AccessTokenReply, WechatLoginReply } from '../../api/types';
import { idNumberProblem } from '../../shared/id-number';

const HOME = '/pages/dispatch/index';

interface School {
  code: string;
  name: string;
}

/** Schools whose name or code contains what was typed (at most eight, for a phone screen). */
function matching(schools: School[], typed: string): School[] {
  const q = typed.trim();
  if (!q) return [];
  return schools.filter((s) => s.name.includes(q) || s.code.includes(q)).slice(0, 8);
}

/** What to tell the graduate when binding fails: never which field did not match. */
function bindMessage(error: unknown): string {
  if (error instanceof ApiFailure && error.code === 'ALREADY_BOUND') {
    return `${error.message}。如果这是你本人的信息，请联系学校就业管理员解除原来的绑定后再试。`;
  }
  if (error instanceof ApiFailure && error.code === 'ROSTER_MISMATCH') {
    return `${error.message}。请核对后重试；如确认填写无误，请联系学校就业办核实生源信息。`;
  }
  return messageOf(error);
}

export default function LoginPage() {
  const router = useRouter();
  const [phase, setPhase] = useState<'login' | 'bind'>('login');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ schoolCode: '', name: '', studentNo: '', idNumber: '' });
  const [touchedId, setTouchedId] = useState(false);
  const [schools, setSchools] = useState<School[] | null>(null);
  const [schoolQuery, setSchoolQuery] = useState('');

  // The school picker reads the directory once the unbound session exists.
  const loadSchools = async () => {
    try {
      const directory = await apiGet<{ items: School[] }>('/api/schools');
      setSchools(directory.items);
    } catch (e) {
      setError(`学校列表加载失败：${messageOf(e)}`);
    }
  };
  useEffect(() => {
    if (phase === 'bind' && schools === null) void loadSchools();
  }, [phase]);

  const chooseSchool = (school: School) => {
    setForm((f) => ({ ...f, schoolCode: school.code }));
    setSchoolQuery(`${school.name}（${school.code}）`);
  };

  const login = async () => {
    setBusy(true);
    setError(null);
    clearToken();
    try {
      const code = await loginCode(router.params.openid);
      const answer = await apiPost<WechatLoginReply>('/api/auth/wechat/login', { body: { code } });
      setToken(answer.accessToken);
      if (answer.bound) await Taro.reLaunch({ url: HOME });
      else setPhase('bind');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void login();
    // Log in once when the page opens.
  }, []);

  const idProblem = idNumberProblem(form.idNumber);
  const complete =
    form.schoolCode.trim() && form.name.trim() && form.studentNo.trim() && !idProblem;

  const bind = async () => {
    if (!complete) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await apiPost<AccessTokenReply>('/api/auth/wechat/bind', {
        body: {
          schoolCode: form.schoolCode.trim(),
          name: form.name.trim(),
          studentNo: form.studentNo.trim(),
          idNumber: form.idNumber.trim().toUpperCase(),
        },
      });
      setToken(answer.accessToken);
      await Taro.reLaunch({ url: HOME });
    } catch (e) {
      setError(bindMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const set = (key: keyof typeof form) => (e: { detail: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.detail.value }));

  return (
    <View className="page">
      <View className="hero">
        <Text className="hero-title">毕业生网上签约</Text>
        <Text className="hero-sub">绑定学籍信息后即可维护生源信息、投递简历、在线签约</Text>
      </View>
      {error ? (
        <View className="alert alert-error" role="alert">
          <Text>{error}</Text>
        </View>
      ) : null}
      {phase === 'login' ? (
        <View className="card">
          <Text className="card-title">微信登录</Text>
          <Text className="hint">{busy ? '正在登录…' : '使用微信身份登录本平台。'}</Text>
          <Button className="btn" disabled={busy} onClick={() => void login()}>
            {busy ? '正在登录…' : '微信登录'}
          </Button>
        </View>
      ) : (
        <View className="card">
          <Text className="card-title">绑定学籍信息</Text>
          <Text className="hint">
            请选择学校，并填写与学校生源信息一致的姓名、学号和身份证号。每个微信只能绑定一名毕业生。
          </Text>
          <View className="field">
            <Text className="field-label">学校</Text>
            <Input
              className="field-input"
              ariaLabel="学校"
              placeholder="输入学校名称或代码搜索"
              value={schoolQuery}
              onInput={(e) => {
                setSchoolQuery(e.detail.value);
                setForm((f) => ({ ...f, schoolCode: '' }));
              }}
            />
            {!form.schoolCode && schools ? (
              <View className="options" role="listbox" aria-label="匹配的学校">
                {matching(schools, schoolQuery).map((school) => (
                  <View
                    className="option"
                    role="option"
                    key={school.code}
                    onClick={() => chooseSchool(school)}
                  >
                    <Text>{`${school.name}（${school.code}）`}</Text>
                  </View>
                ))}
                {schoolQuery.trim() && matching(schools, schoolQuery).length === 0 ? (
                  <Text className="field-error">没有找到该学校，请核对名称或代码</Text>
                ) : null}
              </View>
            ) : null}
            {form.schoolCode ? <Text className="field-ok">已选择学校</Text> : null}
          </View>
          <View className="field">
            <Text className="field-label">姓名</Text>
            <Input
              className="field-input"
              ariaLabel="姓名"
              placeholder="与身份证一致"
              value={form.name}
              onInput={set('name')}
            />
          </View>
          <View className="field">
            <Text className="field-label">学号</Text>
            <Input
              className="field-input"
              ariaLabel="学号"
              placeholder="学号"
              value={form.studentNo}
              onInput={set('studentNo')}
            />
          </View>
          <View className="field">
            <Text className="field-label">身份证号</Text>
            <Input
              className="field-input"
              ariaLabel="身份证号"
              type="idcard"
              maxlength={18}
              placeholder="18 位身份证号"
              value={form.idNumber}
              onInput={(e) => {
                setTouchedId(true);
                set('idNumber')(e);
              }}
            />
            {touchedId && idProblem ? <Text className="field-error">{idProblem}</Text> : null}
            {touchedId && !idProblem ? <Text className="field-ok">身份证号格式正确</Text> : null}
          </View>
          <Button className="btn" disabled={!complete || busy} onClick={() => void bind()}>
            {busy ? '正在绑定…' : '绑定'}
          </Button>
        </View>
      )}
    </View>
  );
}
