import Taro from '@tarojs/taro';

/**
 * The region the graduate picked on 选择生源地 (subpackages/region-picker), handed back to
 * 生源信息维护 through storage: it survives the page change in WeChat and in H5 alike. Names only,
 * no table here: the GB/T 2260 table stays in the picker's subpackage.
 */
export interface RegionChoice {
  /** GB/T 2260 six-digit code, e.g. 340123. */
  code: string;
  /** Names from the province down, as the back end stores them: 安徽省合肥市肥西县. */
  fullName: string;
  /** The same names one by one: 安徽省 / 合肥市 / 肥西县. */
  path: string[];
}

const KEY = 'netsign.source-info.region-choice';

export const REGION_PICKER_URL = '/subpackages/region-picker/index';

export function putRegionChoice(choice: RegionChoice): void {
  Taro.setStorageSync(KEY, JSON.stringify(choice));
}

/** The choice waiting to be taken (once), if any. */
export function takeRegionChoice(): RegionChoice | null {
  const raw: unknown = Taro.getStorageSync(KEY);
  if (!raw || typeof raw !== 'string') return null;
  Taro.removeStorageSync(KEY);
  try {
    return JSON.parse(raw) as RegionChoice;
  } catch {
    return null;
  }
}
