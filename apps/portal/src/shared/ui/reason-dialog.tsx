import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiErrorAlert } from '../errors/api-error-alert';
import { applyFieldErrors } from '../errors/form-errors';

/** What a reason dialog's action is told when the API has answered. */
export interface ReasonCallbacks {
  onSuccess: () => void;
  onError: (error: unknown) => void;
}

/**
 * A confirmation that needs a written reason (驳回, 解锁, 停用 …): the reason is required (not only
 * spaces), trimmed, and handed to `onSubmit` with callbacks to pass to the mutation — success
 * closes the dialog, a refusal shows the API's message above the form and under the field it
 * names.
 */
export function ReasonDialog({
  title,
  okText,
  danger = false,
  label,
  requiredMessage,
  intro,
  placeholder,
  rows = 3,
  errorTitle,
  pending,
  error,
  onClose,
  onSubmit,
}: {
  title: string;
  okText: string;
  danger?: boolean;
  label: string;
  requiredMessage: string;
  intro?: ReactNode;
  placeholder?: string;
  rows?: number;
  errorTitle: string;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onSubmit: (reason: string, callbacks: ReasonCallbacks) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText="取消"
      confirmLoading={pending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ApiErrorAlert error={error} title={errorTitle} />
      {intro ? <Typography.Paragraph>{intro}</Typography.Paragraph> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          onSubmit(v.reason.trim(), {
            onSuccess: onClose,
            onError: (e) => applyFieldErrors(form, e),
          })
        }
      >
        <Form.Item
          name="reason"
          label={label}
          rules={[{ required: true, whitespace: true, message: requiredMessage }]}
        >
          <Input.TextArea rows={rows} maxLength={500} placeholder={placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
