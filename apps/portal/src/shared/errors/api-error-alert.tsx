import { Alert } from 'antd';
import { ApiFailure, errorMessage } from '../api/api-failure';

export interface ApiErrorAlertProps {
  /** The error of the action or query this alert stands beside; nothing is shown without one. */
  error: unknown;
  /** What was being done, e.g. 「提交失败」; the API's message follows as the description. */
  title?: string;
  onClose?: () => void;
}

/**
 * Shows an API error where the person acted: the API's Chinese message, and for 429 when to try
 * again. Rendered as an alert (role="alert") so screen readers announce it.
 */
export function ApiErrorAlert({ error, title, onClose }: ApiErrorAlertProps) {
  if (!error) return null;
  const message = errorMessage(error);
  const code = error instanceof ApiFailure ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={title ?? message}
      description={title ? message : undefined}
      data-error-code={code}
      {...(onClose ? { closable: { onClose } } : {})}
    />
  );
}
