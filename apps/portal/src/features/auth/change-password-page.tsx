import { Button, Card, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { useSession } from '../../shared/auth/session';
import { PageHeader } from '../../shared/ui/page-header';
import { useChangePassword, type ChangePasswordInput } from './auth-api';

interface FormValues extends ChangePasswordInput {
  confirmPassword: string;
}

/** Everyone with a password changes it here; the API ends the other sessions and returns a new token. */
export function ChangePasswordPage() {
  const [form] = Form.useForm<FormValues>();
  const { signIn } = useSession();
  const change = useChangePassword();
  const [done, setDone] = useState(false);

  const onFinish = ({ currentPassword, newPassword }: FormValues) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: ({ accessToken }) => {
          signIn(accessToken);
          setDone(true);
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <>
      <PageHeader title="修改密码" description="修改后，其他设备上的登录将全部失效。" />
      <Card style={{ maxWidth: 520 }}>
        {done ? (
          <Result status="success" title="密码已修改" extra={<Link to="/">返回首页</Link>} />
        ) : (
          <>
            <ApiErrorAlert error={change.error} title="修改失败" />
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={onFinish}
              disabled={change.isPending}
            >
              <Form.Item
                label="当前密码"
                name="currentPassword"
                rules={[{ required: true, message: '请输入当前密码' }]}
              >
                <Input.Password autoComplete="current-password" />
              </Form.Item>
              <Form.Item
                label="新密码"
                name="newPassword"
                rules={[
                  { required: true, message: '请输入新密码' },
                  { min: 8, max: 256, message: '新密码长度为 8–256 个字符' },
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label="确认新密码"
                name="confirmPassword"
                dependencies={['newPassword']}
                rules={[
                  { required: true, message: '请再次输入新密码' },
                  ({ getFieldValue }) => ({
                    validator: (_, value) =>
                      !value || getFieldValue('newPassword') === value
                        ? Promise.resolve()
                        : Promise.reject(new Error('两次输入的新密码不一致')),
                  }),
                ]}
              >
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={change.isPending}>
                修改密码
              </Button>
            </Form>
          </>
        )}
      </Card>
    </>
  );
}
