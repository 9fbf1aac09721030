import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { AgreementDescriptions } from '../../shared/agreement-descriptions';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { FilePreview } from '../../shared/file-preview';
import { DetailTitle } from '../../shared/ui/detail-title';
import {
  AGREEMENT_STATUS_LABELS,
  formatDateTime,
  label,
  STAFF_ROLE_LABELS,
  TERMINATION_APPLICANT_LABELS,
  TERMINATION_STATUS_LABELS,
} from '../../shared/labels';
import {
  loadTerminationMaterial,
  useAgreement,
  useTermination,
  useTerminationDecision,
} from './termination-hooks';
import { TERMINATION_STATUS_COLORS } from './terminations-page';

/**
 * One application: the original agreement and the uploaded materials side by side, and the
 * counsellor's decision — 同意解约, or 不同意 with a reason.
 */
export function TerminationDetailPage() {
  const { id = '' } = useParams();
  const termination = useTermination(id);
  const agreed = termination.data?.status === 'AGREED';
  const agreement = useAgreement(termination.data?.agreementId, agreed);
  const decide = useTerminationDecision(id);
  const [form] = Form.useForm<{ reason: string }>();
  const [disagreeing, setDisagreeing] = useState(false);

  if (termination.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  if (termination.error || !termination.data) {
    return (
      <Card>
        <ApiErrorAlert error={termination.error} title="无法打开该解约申请" />
        <Link to="/terminations">返回解约申请登记表</Link>
      </Card>
    );
  }
  const t = termination.data;
  const disagree = (values: { reason: string }) =>
    decide.mutate(
      { decision: 'DISAGREE', reason: values.reason.trim() },
      { onError: (err) => applyFieldErrors(form, err) },
    );

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <DetailTitle
            back="/terminations"
            backLabel="返回解约申请登记表"
            title={`解约申请：${t.graduate.name}`}
          >
            <Tag color={TERMINATION_STATUS_COLORS[t.status]}>
              {TERMINATION_STATUS_LABELS[t.status]}
            </Tag>
          </DetailTitle>
        }
      >
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="申请方">
            <Tag color={t.applicant === 'EMPLOYER' ? 'purple' : 'blue'}>
              {label(TERMINATION_APPLICANT_LABELS, t.applicant)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="学号">{t.graduate.studentNo}</Descriptions.Item>
          <Descriptions.Item label="班级">{t.graduate.className ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="申请时间">{formatDateTime(t.appliedAt)}</Descriptions.Item>
          <Descriptions.Item label="协议编号">{t.agreementNo}</Descriptions.Item>
          <Descriptions.Item label="用人单位">{t.employerName}</Descriptions.Item>
          <Descriptions.Item label="协议状态">
            {agreement.data ? (
              <Tag color={agreement.data.status === 'TERMINATED' ? 'default' : 'blue'}>
                {AGREEMENT_STATUS_LABELS[agreement.data.status]}
              </Tag>
            ) : (
              '…'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="解约理由" span={3}>
            {t.reason}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="原就业协议">
            <ApiErrorAlert error={agreement.error} title="原协议加载失败" />
            {agreement.data ? (
              <AgreementDescriptions agreement={agreement.data} column={2} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card title={`解约材料（${t.materials.length} 份）`}>
              <Flex vertical gap={12}>
                {t.materials.map((m) => (
                  <FilePreview
                    key={m.id}
                    file={m}
                    load={() => loadTerminationMaterial(t.id, m.id)}
                    height={360}
                  />
                ))}
              </Flex>
            </Card>
            <Card title="处理意见">
              {t.decision ? (
                <Result
                  status={t.decision.decision === 'AGREE' ? 'success' : 'warning'}
                  title={t.decision.decision === 'AGREE' ? '已同意解约' : '不同意解约'}
                  subTitle={
                    <>
                      {t.decision.reason ? <div>理由：{t.decision.reason}</div> : null}
                      <div>
                        {STAFF_ROLE_LABELS[t.decision.decider.role] ?? t.decision.decider.role} 于{' '}
                        {formatDateTime(t.decision.decidedAt)} 处理
                      </div>
                      {t.decision.decision === 'AGREE' &&
                      agreement.data?.status !== 'TERMINATED' ? (
                        <div>正在解除协议…</div>
                      ) : null}
                    </>
                  }
                />
              ) : t.status !== 'PENDING' ? (
                <Alert type="info" showIcon title={TERMINATION_STATUS_LABELS[t.status]} />
              ) : (
                <>
                  <Alert
                    type="warning"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title="请认真审阅原协议与解约材料：支持合理诉求，维护协议的严肃性。同意后协议即解除，学生可重新签约。"
                  />
                  <ApiErrorAlert error={decide.error} title="处理未能提交" />
                  {!disagreeing ? (
                    <Space>
                      <Popconfirm
                        title="确认同意解约？"
                        description="协议将被解除，并通知学生和省派遣系统。"
                        okText="同意解约"
                        cancelText="取消"
                        onConfirm={() => decide.mutate({ decision: 'AGREE' })}
                      >
                        <Button type="primary" loading={decide.isPending}>
                          同意解约
                        </Button>
                      </Popconfirm>
                      <Button danger onClick={() => setDisagreeing(true)}>
                        不同意
                      </Button>
                    </Space>
                  ) : (
                    <Form form={form} layout="vertical" onFinish={disagree}>
                      <Form.Item
                        name="reason"
                        label="不同意的理由"
                        rules={[
                          { required: true, whitespace: true, message: '请填写不同意的理由' },
                        ]}
                      >
                        <Input.TextArea rows={3} maxLength={500} showCount />
                      </Form.Item>
                      <Space>
                        <Button danger htmlType="submit" loading={decide.isPending}>
                          确认不同意
                        </Button>
                        <Button onClick={() => setDisagreeing(false)}>取消</Button>
                      </Space>
                    </Form>
                  )}
                </>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
