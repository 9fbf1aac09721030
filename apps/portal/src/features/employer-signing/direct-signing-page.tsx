import { Button, Card, Col, Form, Input, Result, Row, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { AGREEMENT_STATUS_LABELS, label } from '../../shared/labels';
import { useSchoolDirectory } from '../../shared/school-departments';
import { PageHeader } from '../../shared/ui/page-header';
import { idNumberRules } from '../../shared/validation/identifiers';
import { usePositions } from '../employer-recruiting/recruiting-api';
import { useSignDirect, type DirectSigningInput, type SignResult } from './signing-api';
import { TERMS_FIELD_MAP, TermsFields, toTerms } from './terms-fields';

const FIELD_MAP = {
  ...TERMS_FIELD_MAP,
  positionId: ['positionId'],
  'graduate.schoolCode': ['graduate', 'schoolCode'],
  'graduate.name': ['graduate', 'name'],
  'graduate.studentNo': ['graduate', 'studentNo'],
  'graduate.idNumber': ['graduate', 'idNumber'],
};

/**
 * 签约管理 → 直接签约 (method 2): choose the position, fill in the graduate's details exactly as the
 * school's roster has them, fill in the terms, confirm.
 */
export function DirectSigningPage() {
  const { claims, me } = useSession();
  const [form] = Form.useForm<DirectSigningInput>();
  const positions = usePositions(claims?.employerId, 1, 100);
  const schools = useSchoolDirectory();
  const sign = useSignDirect();
  const [signed, setSigned] = useState<SignResult | null>(null);
  const autonomy = me?.employer?.hasHiringAutonomy;

  const onFinish = (values: DirectSigningInput) => {
    const body: DirectSigningInput = {
      positionId: values.positionId,
      graduate: {
        schoolCode: values.graduate.schoolCode.trim(),
        name: values.graduate.name.trim(),
        studentNo: values.graduate.studentNo.trim(),
        idNumber: values.graduate.idNumber.trim().toUpperCase(),
      },
      terms: toTerms(values.terms),
    };
    sign.mutate(body, {
      onSuccess: setSigned,
      onError: (error) => applyFieldErrors(form, error, FIELD_MAP),
    });
  };

  if (signed) {
    return (
      <>
        <PageHeader title="直接签约" />
        <Card>
          <Result
            status="success"
            title={label(AGREEMENT_STATUS_LABELS, signed.status)}
            subTitle={`协议编号 ${signed.agreementNo}。学校审核通过后即可下载打印协议书。`}
            extra={[
              <Link key="detail" to={`/employer/agreements/${signed.agreementId}`}>
                <Button type="primary">查看协议</Button>
              </Link>,
              <Button
                key="again"
                onClick={() => {
                  setSigned(null);
                  sign.reset();
                  form.resetFields();
                }}
              >
                继续签约
              </Button>,
            ]}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="直接签约"
        description="毕业生信息须与学校生源信息完全一致；签约后由学校审核。"
      />
      <Form<DirectSigningInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={sign.isPending}
        scrollToFirstError
      >
        <Card title="签约岗位" style={{ marginBottom: 16 }}>
          <ApiErrorAlert error={positions.error} title="岗位加载失败" />
          <Form.Item
            label="岗位"
            name="positionId"
            rules={[{ required: true, message: '请选择签约岗位' }]}
            style={{ maxWidth: 480 }}
          >
            <Select
              placeholder={
                positions.data?.items.length === 0 ? '请先在「岗位管理」发布岗位' : '请选择'
              }
              loading={positions.isLoading}
              options={(positions.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.title}（${p.location}）`,
              }))}
            />
          </Form.Item>
        </Card>
        <Card title="毕业生信息" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                label="学校"
                name={['graduate', 'schoolCode']}
                rules={[{ required: true, message: '请选择毕业生所在学校' }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="输入学校名称或代码"
                  loading={schools.isLoading}
                  notFoundContent={schools.isLoading ? '加载中…' : '没有找到该学校'}
                  options={(schools.data ?? []).map((s) => ({
                    value: s.code,
                    label: `${s.name}（${s.code}）`,
                  }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label="姓名"
                name={['graduate', 'name']}
                rules={[
                  { required: true, whitespace: true, message: '请输入毕业生姓名' },
                  { max: 50 },
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label="学号"
                name={['graduate', 'studentNo']}
                rules={[{ required: true, whitespace: true, message: '请输入学号' }, { max: 30 }]}
              >
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item
                label="身份证号"
                name={['graduate', 'idNumber']}
                rules={idNumberRules}
                hasFeedback
              >
                <Input maxLength={18} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title="协议条款" style={{ marginBottom: 16 }}>
          {autonomy === false ? (
            <Typography.Paragraph type="warning">
              本单位无用人自主权：须选择上级主管部门（毕业生档案去向）。
            </Typography.Paragraph>
          ) : null}
          <TermsFields hasHiringAutonomy={autonomy} />
        </Card>
        <ApiErrorAlert error={sign.error} title="签约失败" />
        <Button type="primary" htmlType="submit" size="large" loading={sign.isPending}>
          确认签约
        </Button>
      </Form>
    </>
  );
}
