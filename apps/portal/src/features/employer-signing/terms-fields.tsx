import { Col, Form, Input, InputNumber, Radio, Row } from 'antd';
import type { AgreementTerms } from '@netsign/contracts';
import { SUPERIOR_AUTHORITY_LABELS } from '../../shared/labels';

export type TermsValues = AgreementTerms;

/**
 * The agreement's terms (API.md), inside a parent Form under `terms`. The limits are the API's;
 * 上级主管部门 is required when the employer has no hiring autonomy, as signing requires it.
 */
export function TermsFields({ hasHiringAutonomy }: { hasHiringAutonomy: boolean | undefined }) {
  const needsAuthority = hasHiringAutonomy === false;
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          label="工作地点"
          name={['terms', 'workLocation']}
          rules={[{ required: true, whitespace: true, message: '请输入工作地点' }, { max: 200 }]}
        >
          <Input placeholder="如 安徽省合肥市" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="月薪（元，税前）"
          name={['terms', 'monthlySalary']}
          rules={[{ required: true, message: '请输入月薪' }]}
        >
          <InputNumber min={1} max={1000000} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          label="试用期（月）"
          name={['terms', 'probationMonths']}
          rules={[{ required: true, message: '请输入试用期' }]}
        >
          <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item
          label="合同期限（年）"
          name={['terms', 'contractYears']}
          rules={[{ required: true, message: '请输入合同期限' }]}
        >
          <InputNumber min={0} max={20} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="上级主管部门（档案去向）"
          name={['terms', 'superiorAuthority']}
          rules={
            needsAuthority
              ? [{ required: true, message: '本单位无用人自主权，须选择上级主管部门' }]
              : []
          }
          extra={
            needsAuthority
              ? '本单位无用人自主权，须注明毕业生档案转至何处。'
              : '有用人自主权的单位可不填。'
          }
        >
          <Radio.Group
            options={Object.entries(SUPERIOR_AUTHORITY_LABELS).map(([value, label]) => ({
              value,
              label,
            }))}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="档案转寄地址"
          name={['terms', 'archiveTransferAddress']}
          rules={[{ max: 300 }]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          label="户口迁移地址"
          name={['terms', 'hukouTransferAddress']}
          rules={[{ max: 300 }]}
        >
          <Input />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item label="其他约定" name={['terms', 'otherTerms']} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Form values → the API's terms (empty optional texts as '', no authority as null). */
export function toTerms(values: Partial<TermsValues>): TermsValues {
  return {
    workLocation: values.workLocation?.trim() ?? '',
    monthlySalary: Number(values.monthlySalary),
    probationMonths: Number(values.probationMonths),
    contractYears: Number(values.contractYears),
    archiveTransferAddress: values.archiveTransferAddress?.trim() ?? '',
    hukouTransferAddress: values.hukouTransferAddress?.trim() ?? '',
    otherTerms: values.otherTerms?.trim() ?? '',
    superiorAuthority: values.superiorAuthority ?? null,
  };
}

/** API field paths (`terms.monthlySalary`, `graduate.idNumber`) → the form's names. */
export const TERMS_FIELD_MAP: Record<string, (string | number)[]> = Object.fromEntries(
  [
    'workLocation',
    'monthlySalary',
    'probationMonths',
    'contractYears',
    'archiveTransferAddress',
    'hukouTransferAddress',
    'otherTerms',
    'superiorAuthority',
  ].map((f) => [`terms.${f}`, ['terms', f]]),
);
