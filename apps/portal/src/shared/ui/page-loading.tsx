import { Spin } from 'antd';

/** Shown while a page's code or first data loads: never a blank screen. */
export function PageLoading({ tip = '正在加载…' }: { tip?: string }) {
  return (
    <div
      role="status"
      aria-live="polite"
      style={{
        display: 'flex',
        justifyContent: 'center',
        alignItems: 'center',
        gap: 12,
        minHeight: 240,
      }}
    >
      <Spin />
      <span>{tip}</span>
    </div>
  );
}
