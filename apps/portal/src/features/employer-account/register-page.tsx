import { Button, Card, Col, Form, Input, Radio, Row, Typography } from 'antd';
import { employerNatureName, industryName } from '@netsign/standard-codes/tables';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { creditCodeRules } from '../../shared/validation/identifiers';
import { useRegisterEmployer, type EmployerRegistration } from './employer-api';
import { IndustrySelect, NatureSelect, RegionCascader } from './standard-code-pickers';

interface FormValues extends Omit<
  EmployerRegistration,
  'nature' | 'industry' | 'natureCode' | 'industryCode'
> {
  natureCode: string;
  industryCode: string;
  /** 省/市/区县 codes (GB/T 2260); the last is the region's code. */
  regionPath?: string[];
  confirmPassword: string;
}

/**
 * 用人单位注册: the credit code is checked as it is typed (GB 32100), like the API checks it;
 * 单位性质, 行业 and 地区 are picked from the standard tables (docs/standard-codes.md) and sent as
 * codes with their names.
 */
export function RegisterPage() {
  const [form] = Form.useForm<FormValues>();
  const register = useRegisterEmployer();
  const { signIn } = useSession();
  const navigate = useNavigate();

  const onFinish = ({ confirmPassword: _confirm, regionPath, ...values }: FormValues) => {
    const regionCode = regionPath?.at(-1);
    register.mutate(
      {
        ...values,
        creditCode: values.creditCode.trim().toUpperCase(),
        nature: employerNatureName(values.natureCode) ?? values.natureCode,
        industry: industryName(values.industryCode) ?? values.industryCode,
        ...(regionCode ? { regionCode } : {}),
      },
      {
        onSuccess: ({ accessToken }) => {
          signIn(accessToken);
          void navigate('/employer/qualification-documents', { replace: true });
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f0f5ff', padding: '32px 16px' }}>
      <title>用人单位注册 - 网签平台</title>
      <main style={{ maxWidth: 820, margin: '0 auto' }}>
        <Card>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            用人单位注册
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            注册后即可发布岗位、查看简历并与毕业生网上签约。已有账号？
            <Link to="/login" style={{ textDecoration: 'underline' }}>
              直接登录
            </Link>
          </Typography.Paragraph>
          <ApiErrorAlert error={register.error} title="注册失败" />
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={onFinish}
            disabled={register.isPending}
            initialValues={{ hasHiringAutonomy: true }}
            scrollToFirstError
          >
            <Typography.Title level={4}>单位信息</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="统一社会信用代码"
                  name="creditCode"
                  rules={creditCodeRules}
                  hasFeedback
                >
                  <Input maxLength={18} placeholder="18 位，如 91350100M000100Y43" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="单位名称"
                  name="name"
                  rules={[
                    { required: true, whitespace: true, message: '请输入单位名称' },
                    { max: 128 },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="单位性质"
                  name="natureCode"
                  rules={[{ required: true, message: '请选择单位性质' }]}
                >
                  <NatureSelect />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="所属行业"
                  name="industryCode"
                  extra="国民经济行业分类（GB/T 4754-2017）"
                  rules={[{ required: true, message: '请选择所属行业' }]}
                >
                  <IndustrySelect />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="所在地区"
                  name="regionPath"
                  extra="单位注册地所在的省、市、区县"
                  rules={[{ required: true, message: '请选择所在地区' }]}
                >
                  <RegionCascader />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="单位地址"
                  name="address"
                  rules={[
                    { required: true, whitespace: true, message: '请输入单位地址' },
                    { max: 256 },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item
                  label="是否具有用人自主权"
                  name="hasHiringAutonomy"
                  extra="无用人自主权的单位，签约时须注明上级主管部门（档案转至就业地人才服务机构或生源地）。"
                  rules={[{ required: true, message: '请选择' }]}
                >
                  <Radio.Group
                    options={[
                      { value: true, label: '有用人自主权' },
                      { value: false, label: '无用人自主权' },
                    ]}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={4}>联系人</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  label="联系人姓名"
                  name="contactName"
                  rules={[
                    { required: true, whitespace: true, message: '请输入联系人姓名' },
                    { max: 64 },
                  ]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  label="联系电话"
                  name="contactPhone"
                  rules={[
                    { required: true, message: '请输入联系电话' },
                    {
                      pattern: /^[0-9+\- ]{5,20}$/,
                      message: '联系电话为 5–20 位数字，可含 + - 和空格',
                    },
                  ]}
                >
                  <Input placeholder="如 0551-12345678" />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Title level={4}>登录账号</Typography.Title>
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item
                  label="用户名"
                  name="username"
                  rules={[
                    { required: true, message: '请输入用户名' },
                    {
                      pattern: /^[A-Za-z0-9_.@-]{3,64}$/,
                      message: '用户名为 3–64 位字母、数字或 _ . @ -',
                    },
                  ]}
                >
                  <Input autoComplete="username" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  label="密码"
                  name="password"
                  rules={[
                    { required: true, message: '请输入密码' },
                    { min: 8, max: 256, message: '密码长度为 8–256 个字符' },
                  ]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  label="确认密码"
                  name="confirmPassword"
                  dependencies={['password']}
                  rules={[
                    { required: true, message: '请再次输入密码' },
                    ({ getFieldValue }) => ({
                      validator: (_, value) =>
                        !value || getFieldValue('password') === value
                          ? Promise.resolve()
                          : Promise.reject(new Error('两次输入的密码不一致')),
                    }),
                  ]}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" size="large" loading={register.isPending}>
              注册并登录
            </Button>
          </Form>
        </Card>
      </main>
    </div>
  );
}
