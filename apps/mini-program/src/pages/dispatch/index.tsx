import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { getToken } from '../../api/session';
import { ErrorBox, Loading, MenuItem } from '../../components/states';
import { activeAgreement, isConfirmed, loadAgreements, loadMe } from '../../shared/me';
import { useResource } from '../../shared/use-resource';
import { AGREEMENT_STATUS, AGREEMENT_TAG } from '../../shared/words';

/** 派遣: the graduate's home: source info, agreement and termination. */
export default function DispatchPage() {
  const res = useResource(async () => {
    if (!getToken()) {
      await Taro.reLaunch({ url: '/pages/login/index' });
      return null;
    }
    const [me, agreements] = await Promise.all([loadMe(), loadAgreements()]);
    return { me, agreement: activeAgreement(agreements) };
  });
  const data = res.data;
  const g = data?.me.graduate;
  return (
    <View className="page">
      <View className="hero">
        <Text className="hero-title">{g ? `${g.name}，你好` : '派遣'}</Text>
        <Text className="hero-sub">
          {g ? `${g.schoolName} · ${g.departmentName} · ${g.major}` : '就业派遣与网上签约'}
        </Text>
      </View>
      {res.error ? <ErrorBox message={res.error} onRetry={() => void res.reload()} /> : null}
      {res.loading && !data ? <Loading /> : null}
      {data ? (
        <>
          <View className="card">
            <Text className="card-title">签约状态</Text>
            {data.agreement ? (
              <View>
                <Text className={AGREEMENT_TAG[data.agreement.status]}>
                  {AGREEMENT_STATUS[data.agreement.status]}
                </Text>
                <Text className="hint">
                  {data.agreement.employer.name} · {data.agreement.position.title}（协议编号{' '}
                  {data.agreement.agreementNo}）
                </Text>
              </View>
            ) : (
              <Text className="hint">你目前没有生效的就业协议，可以签约。</Text>
            )}
            {!isConfirmed(data.me) ? (
              <View className="alert alert-warn">
                <Text>你的生源信息尚未确认，确认之前无法签约。</Text>
              </View>
            ) : null}
          </View>
          <View className="card">
            <MenuItem
              title="生源信息维护"
              url="/pages/source-info/index"
              badge={isConfirmed(data.me) ? '已确认' : '待确认'}
            />
            <MenuItem title="我的协议" url="/pages/agreements/index" />
            <MenuItem title="解除就业协议申请" url="/pages/termination/index" />
          </View>
        </>
      ) : null}
    </View>
  );
}
