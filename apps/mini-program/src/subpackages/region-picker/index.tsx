import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { putRegionChoice } from '../../shared/region-choice';
import {
  childrenOf,
  choiceOf,
  entryOf,
  provinces,
  searchRegions,
  type RegionEntry,
} from './region-search';

const SOURCE_INFO = '/pages/source-info/index';

/**
 * 选择生源地: search the GB/T 2260 table by name (肥西, 合肥) or go down 省 → 市 → 区县; the row
 * tapped is handed back to 生源信息维护. Lives in a subpackage with the table, off the main package.
 */
export default function RegionPickerPage() {
  const [query, setQuery] = useState('');
  /** Codes opened in the drill-down, from the province down. */
  const [trail, setTrail] = useState<string[]>([]);
  const results = useMemo(() => searchRegions(query), [query]);
  const level = trail.length ? childrenOf(trail[trail.length - 1]!) : provinces();
  const searching = query.trim().length > 0;

  const pick = async (entry: RegionEntry) => {
    putRegionChoice(choiceOf(entry));
    // Back to the correction form it was opened from; opened on its own, go to the form.
    if (Taro.getCurrentPages().length > 1) await Taro.navigateBack();
    else await Taro.redirectTo({ url: SOURCE_INFO });
  };

  const open = (entry: RegionEntry) => {
    if (entry.hasChildren) setTrail((t) => [...t, entry.code]);
    else void pick(entry);
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="card-title">选择生源地</Text>
        <Text className="hint">
          生源地一般是入学前户口所在的县（市、区）。输入名称搜索，如“肥西”“合肥”；也可以在下方按省、市、区县逐级选择。
        </Text>
        <Input
          className="field-input"
          ariaLabel="搜索地区"
          placeholder="输入县、区或城市名称"
          value={query}
          onInput={(e) => setQuery(e.detail.value)}
        />
      </View>
      {searching ? (
        <View className="card card-list">
          <Text className="list-caption">
            {results.length
              ? `找到 ${results.length >= 50 ? '50 个以上' : `${results.length} 个`}地区，点击选择`
              : ''}
          </Text>
          {results.length === 0 ? (
            <Text className="empty">没有找到该地区，请换个名称试试，或清空搜索后逐级选择。</Text>
          ) : (
            <View role="listbox" aria-label="搜索结果">
              {results.map((r) => (
                <View
                  key={r.code}
                  className="region-option"
                  role="option"
                  aria-selected={false}
                  onClick={() => void pick(r)}
                >
                  <Text className="region-path">{r.path.join(' / ')}</Text>
                  <Text className="region-code">{r.code}</Text>
                </View>
              ))}
            </View>
          )}
        </View>
      ) : (
        <View className="card card-list">
          <View className="region-trail" aria-label="当前位置">
            <Text
              className={trail.length ? 'region-crumb' : 'region-crumb-current'}
              onClick={() => setTrail([])}
            >
              全国
            </Text>
            {trail.map((code, i) => (
              <Text
                key={code}
                className={i < trail.length - 1 ? 'region-crumb' : 'region-crumb-current'}
                onClick={() => setTrail((t) => t.slice(0, i + 1))}
              >
                {` › ${entryOf(code)?.name ?? code}`}
              </Text>
            ))}
          </View>
          <View role="listbox" aria-label={trail.length ? '下一级地区' : '省份'}>
            {level.map((r) => (
              <View
                key={r.code}
                className="region-option"
                role="option"
                aria-selected={false}
                onClick={() => open(r)}
              >
                <Text className="region-path">{r.name}</Text>
                <Text className="region-code">{r.hasChildren ? '›' : r.code}</Text>
              </View>
            ))}
          </View>
        </View>
      )}
    </View>
  );
}
