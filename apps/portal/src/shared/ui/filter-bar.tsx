import { Flex, Select } from 'antd';
import type { ReactNode } from 'react';

/** The filters above a list: one labelled search region that wraps on a narrow screen. */
export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label={label}>
      {children}
    </Flex>
  );
}

type Options<T extends string> =
  ReadonlyArray<{ value: T; label: string }> | Readonly<Partial<Record<T, string>>>;

/**
 * A filter that picks one value or, cleared, all of them: `label` names it for a screen reader,
 * `placeholder` says what "all" means. `options` is a list or a value → label table.
 */
export function FilterSelect<T extends string>({
  label,
  placeholder,
  value,
  options,
  onChange,
  width = 200,
  loading,
}: {
  label: string;
  placeholder: string;
  value: T | undefined;
  options: Options<NoInfer<T>>;
  onChange: (value: T | undefined) => void;
  width?: number;
  loading?: boolean;
}) {
  const list = Array.isArray(options)
    ? (options as ReadonlyArray<{ value: T; label: string }>)
    : (Object.entries(options) as Array<[T, string]>).map(([v, l]) => ({ value: v, label: l }));
  return (
    <Select<T>
      aria-label={label}
      style={{ width }}
      allowClear
      placeholder={placeholder}
      value={value}
      loading={loading}
      options={list.map((o) => ({ value: o.value, label: o.label }))}
      onChange={(v?: T) => onChange(v)}
    />
  );
}
