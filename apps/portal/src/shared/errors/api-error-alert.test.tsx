import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/api-failure';
import { ApiErrorAlert } from './api-error-alert';

describe('ApiErrorAlert', () => {
  it('shows the API’s Chinese message under the action’s title', () => {
    const error = new ApiFailure(409, {
      code: 'GRADUATE_NOT_AVAILABLE',
      message: '该毕业生已有有效的就业协议',
    });
    render(<ApiErrorAlert error={error} title="签约失败" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('签约失败');
    expect(alert.textContent).toContain('该毕业生已有有效的就业协议');
  });

  it('says when to retry after a 429', () => {
    const error = new ApiFailure(429, {
      code: 'RATE_LIMITED',
      message: '请求过于频繁，请稍后重试',
      details: { retryAfterSeconds: 42 },
    });
    render(<ApiErrorAlert error={error} />);
    expect(screen.getByRole('alert').textContent).toContain('请在 42 秒后重试');
  });

  it('explains a network failure in Chinese', () => {
    render(<ApiErrorAlert error={new ApiFailure(0, undefined)} title="加载失败" />);
    expect(screen.getByRole('alert').textContent).toContain('无法连接服务器');
  });

  it('renders nothing without an error', () => {
    const { container } = render(<ApiErrorAlert error={null} />);
    expect(container.textContent).toBe('');
  });
});
