import { Cascader, Select } from 'antd';
import { useEffect, useState } from 'react';
import { EMPLOYER_NATURES, INDUSTRY_SECTIONS } from '@netsign/standard-codes/tables';
import type { RegionNode } from '@netsign/standard-codes/regions';

/** 单位性质 (the Ministry's codes), searchable by name or code. */
export const NATURE_OPTIONS = EMPLOYER_NATURES.entries.map((e) => ({
  value: e.code,
  label: e.name,
}));

/** GB/T 4754-2017: each section, then its divisions; either level may be chosen. */
export const INDUSTRY_OPTIONS = INDUSTRY_SECTIONS.map((s) => ({
  label: `${s.code} ${s.name}`,
  title: s.name,
  options: [
    { value: s.code, label: `${s.code} ${s.name}（门类）` },
    ...s.divisions.map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
  ],
}));

const searchLabel = (input: string, option?: { label?: unknown; value?: unknown }) =>
  `${String(option?.value ?? '')} ${String(option?.label ?? '')}`.includes(input.trim());

interface SelectProps {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
}

export function NatureSelect(props: SelectProps) {
  return (
    <Select
      {...props}
      showSearch={{ filterOption: searchLabel }}
      options={NATURE_OPTIONS}
      placeholder="请选择（可输入搜索）"
    />
  );
}

export function IndustrySelect(props: SelectProps) {
  return (
    <Select
      {...props}
      showSearch={{ filterOption: searchLabel }}
      options={INDUSTRY_OPTIONS}
      placeholder="请选择门类或大类（可输入名称或代码搜索）"
      listHeight={320}
    />
  );
}

/** The GB/T 2260 tree, fetched once as its own chunk when the first region picker mounts. */
let regionsOnce: Promise<RegionNode[]> | undefined;
const loadRegions = () => (regionsOnce ??= import('./region-tree').then((m) => m.REGION_TREE));

interface RegionProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** 省 / 市 / 区县, searchable; the value is the path of codes, the last one the region's code. */
export function RegionCascader(props: RegionProps) {
  const [options, setOptions] = useState<RegionNode[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    loadRegions().then(
      (tree) => live && setOptions(tree),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <Cascader
      {...props}
      options={options ?? []}
      loading={!options && !failed}
      disabled={!options}
      changeOnSelect
      showSearch
      placeholder={
        failed
          ? '地区数据加载失败，请刷新页面'
          : options
            ? '省 / 市 / 区县（可搜索）'
            : '正在加载地区…'
      }
    />
  );
}
