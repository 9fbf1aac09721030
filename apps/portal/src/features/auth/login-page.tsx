import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, theme } from 'antd';
// Input and Password by their own modules: `antd`'s Input brings TextArea, Search and OTP along.
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { safeReturnPath } from '../../shared/auth/login-redirect';
import { useSession } from '../../shared/auth/session';
import { takeSessionExpired } from '../../shared/auth/session-store';
import { useLogin, type LoginInput } from './auth-api';

/** Staff, employers and province admins sign in here; then back to the page they were sent from. */
export function LoginPage() {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { signIn } = useSession();
  const login = useLogin();
  const [expiredBefore] = useState(takeSessionExpired);
  // Plain headings and paragraphs in the theme's sizes and colours: Ant Design's Typography brings
  // its editing and copying machinery (~45 KB gzip), too much for the first page anyone loads.
  const { token } = theme.useToken();
  const expired =
    expiredBefore || (location.state as { expired?: boolean } | null)?.expired === true;

  const onFinish = (values: LoginInput) => {
    login.mutate(values, {
      onSuccess: ({ accessToken }) => {
        signIn(accessToken);
        void navigate(safeReturnPath(params.get('from')), { replace: true });
      },
    });
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f0f5ff',
        padding: 16,
      }}
    >
      <title>登录 - 网签平台</title>
      <main style={{ width: '100%', maxWidth: 400 }}>
        <div
          style={{
            background: token.colorBgContainer,
            borderRadius: token.borderRadiusLG,
            padding: token.paddingLG,
            boxShadow: token.boxShadowTertiary,
          }}
        >
          <h1
            style={{
              textAlign: 'center',
              marginTop: 0,
              fontSize: token.fontSizeHeading2,
              fontWeight: token.fontWeightStrong,
              color: token.colorTextHeading,
            }}
          >
            网签平台
          </h1>
          <p style={{ textAlign: 'center', color: token.colorTextSecondary }}>
            高校毕业生就业网上签约 · 用人单位、学校与省厅登录
          </p>
          {expired && !login.error ? (
            <Alert
              type="warning"
              showIcon
              title="登录已失效，请重新登录"
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <ApiErrorAlert error={login.error} title="登录失败" />
          <Form<LoginInput>
            layout="vertical"
            onFinish={onFinish}
            requiredMark={false}
            disabled={login.isPending}
          >
            <Form.Item
              label="用户名"
              name="username"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              label="密码"
              name="password"
              rules={[{ required: true, message: '请输入密码' }]}
            >
              <Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              登录
            </Button>
          </Form>
          <p style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
            用人单位还没有账号？
            <Link to="/register" style={{ textDecoration: 'underline', color: token.colorLink }}>
              注册用人单位
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
