import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CONFIRM_FIRST } from '../shared/me';

/** Shown on the signing pages while source info is unconfirmed: why they are closed, and where to go. */
export function SigningGate() {
  return (
    <View className="alert alert-warn" role="alert">
      <Text>签约暂不可用：{CONFIRM_FIRST}</Text>
      <Button
        className="btn-plain"
        onClick={() => void Taro.navigateTo({ url: '/pages/source-info/index' })}
      >
        去确认生源信息
      </Button>
    </View>
  );
}
