import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { clearToken } from '../../api/session';
import { ErrorBox, Loading, MenuItem } from '../../components/states';
import { loadMe } from '../../shared/me';
import { useResource } from '../../shared/use-resource';

/** 我的: the graduate's own corner: QR card, agreements, recruiting. */
export default function MinePage() {
  const res = useResource(loadMe);
  const g = res.data?.graduate;
  const logout = () => {
    clearToken();
    void Taro.reLaunch({ url: '/pages/login/index' });
  };
  return (
    <View className="page">
      <View className="hero">
        <Text className="hero-title">{g?.name ?? '我的'}</Text>
        <Text className="hero-sub">{g ? `${g.schoolName} · 学号 ${g.studentNo}` : ''}</Text>
      </View>
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !res.data ? <Loading /> : null}
      <View className="card">
        <MenuItem title="二维码名片" url="/pages/qr-card/index" />
        <MenuItem title="我的协议" url="/pages/agreements/index" />
        <MenuItem title="面试邀请" url="/pages/interviews/index" />
        <MenuItem title="签约通知" url="/pages/offers/index" />
        <MenuItem title="我的简历" url="/pages/resume/index" />
      </View>
      <Button className="btn-plain" onClick={logout}>
        退出登录
      </Button>
    </View>
  );
}
