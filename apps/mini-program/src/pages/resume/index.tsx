import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { apiPut, messageOf } from '../../api/client';
import type { Resume } from '../../api/types';

const DRAFT_KEY = 'netsign.resume';
const EMPTY: Resume = {
  summary: '',
  education: '',
  experience: '',
  skills: [],
  phone: '',
  email: '',
};

/** 简历: what employers read when the graduate applies. */
export default function ResumePage() {
  const [resume, setResume] = useState<Resume>(() => ({
    ...EMPTY,
    ...((Taro.getStorageSync(DRAFT_KEY) as Partial<Resume>) || {}),
  }));
  const [skills, setSkills] = useState(resume.skills.join('、'));
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof Omit<Resume, 'skills'>) => (e: { detail: { value: string } }) =>
    setResume((r) => ({ ...r, [key]: e.detail.value }));

  const save = async () => {
    setBusy(true);
    setNotice(null);
    const body: Resume = {
      ...resume,
      skills: skills
        .split(/[、,，\s]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    };
    try {
      await apiPut('/api/me/resume', { body });
      Taro.setStorageSync(DRAFT_KEY, body);
      setNotice({ ok: true, text: '简历已保存。投递岗位时单位会看到这份简历。' });
    } catch (e) {
      setNotice({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="page">
      <View className="card">
        <View className="field">
          <Text className="field-label">个人简介</Text>
          <Textarea
            className="field-textarea"
            ariaLabel="个人简介"
            maxlength={4000}
            value={resume.summary}
            onInput={set('summary')}
          />
        </View>
        <View className="field">
          <Text className="field-label">教育经历</Text>
          <Textarea
            className="field-textarea"
            ariaLabel="教育经历"
            maxlength={4000}
            value={resume.education}
            onInput={set('education')}
          />
        </View>
        <View className="field">
          <Text className="field-label">实习与项目经历</Text>
          <Textarea
            className="field-textarea"
            ariaLabel="实习与项目经历"
            maxlength={4000}
            value={resume.experience}
            onInput={set('experience')}
          />
        </View>
        <View className="field">
          <Text className="field-label">技能（用顿号分隔）</Text>
          <Input
            className="field-input"
            ariaLabel="技能"
            value={skills}
            onInput={(e) => setSkills(e.detail.value)}
          />
        </View>
        <View className="field">
          <Text className="field-label">手机号</Text>
          <Input
            className="field-input"
            ariaLabel="手机号"
            type="text"
            maxlength={30}
            value={resume.phone}
            onInput={set('phone')}
          />
        </View>
        <View className="field">
          <Text className="field-label">邮箱</Text>
          <Input
            className="field-input"
            ariaLabel="邮箱"
            maxlength={100}
            value={resume.email}
            onInput={set('email')}
          />
        </View>
        {notice ? (
          <View
            className={`alert ${notice.ok ? 'alert-ok' : 'alert-error'}`}
            role={notice.ok ? 'status' : 'alert'}
          >
            <Text>{notice.text}</Text>
          </View>
        ) : null}
        <Button className="btn" disabled={busy} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存简历'}
        </Button>
      </View>
    </View>
  );
}
