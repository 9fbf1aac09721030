import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { FilePreview } from '../../shared/file-preview';
import { DetailTitle } from '../../shared/ui/detail-title';
import { AgreementDescriptions } from '../../shared/agreement-descriptions';
import {
  formatDateTime,
  METHOD_LABELS,
  QUALIFICATION_KIND_LABELS,
  REVIEW_STATUS_LABELS,
} from '../../shared/labels';
import { STAFF_ROLE_LABELS } from '../../shared/labels';
import { loadQualificationDocument, useReviewDecision, useReviewTask } from './review-hooks';

/** One agreement under review: the frozen snapshot, the employer's documents in the page, the decision. */
export function ReviewDetailPage() {
  const { taskId = '' } = useParams();
  const task = useReviewTask(taskId);
  const decide = useReviewDecision(taskId);
  const [form] = Form.useForm<{ reason: string }>();
  const [rejecting, setRejecting] = useState(false);

  if (task.isLoading)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 12 }} />
      </Card>
    );
  if (task.error || !task.data) {
    return (
      <Card>
        <ApiErrorAlert error={task.error} title="无法打开该审核任务" />
        <Link to="/review">返回审核列表</Link>
      </Card>
    );
  }
  const t = task.data;

  const approve = () => {
    decide.mutate({ agreementId: t.agreementId, decision: 'APPROVE' });
  };
  const reject = (values: { reason: string }) => {
    decide.mutate(
      { agreementId: t.agreementId, decision: 'REJECT', reason: values.reason?.trim() ?? '' },
      { onError: (err) => applyFieldErrors(form, err) },
    );
  };

  return (
    <Flex vertical gap={16}>
      <Card
        title={
          <DetailTitle
            back="/review"
            backLabel="返回审核列表"
            title={`协议审核：${t.graduate.name}`}
          >
            <Tag
              color={
                t.status === 'PENDING'
                  ? 'processing'
                  : t.status === 'APPROVED'
                    ? 'success'
                    : 'default'
              }
            >
              {REVIEW_STATUS_LABELS[t.status]}
            </Tag>
            {t.overdue ? <Tag color="error">已超期</Tag> : null}
          </DetailTitle>
        }
      >
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="协议编号">{t.agreementNo}</Descriptions.Item>
          <Descriptions.Item label="签约方式">{METHOD_LABELS[t.method]}</Descriptions.Item>
          <Descriptions.Item label="提交时间">{formatDateTime(t.submittedAt)}</Descriptions.Item>
          <Descriptions.Item label="用人单位">{t.employer.name}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card title="协议内容（签约时冻结）">
            <AgreementDescriptions agreement={t.agreement} />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Flex vertical gap={16}>
            <Card title="用人单位资质证明材料">
              {!t.qualificationDocumentsApplicable ? (
                <Alert
                  type="info"
                  showIcon
                  title="二维码名片签约不提供资质证明材料，请核对协议内容后审核。"
                />
              ) : t.qualificationDocuments.length === 0 ? (
                <Empty description="用人单位尚未上传资质证明材料" />
              ) : (
                <Flex vertical gap={12}>
                  {t.qualificationDocuments.map((d) => (
                    <FilePreview
                      key={d.id}
                      file={d}
                      label={QUALIFICATION_KIND_LABELS[d.kind] ?? d.kind}
                      load={() => loadQualificationDocument(t.agreementId, d.id)}
                    />
                  ))}
                </Flex>
              )}
            </Card>
            <Card title="审核意见">
              {t.decision ? (
                <Result
                  status={t.decision.decision === 'APPROVE' ? 'success' : 'warning'}
                  title={t.decision.decision === 'APPROVE' ? '已审核通过' : '已驳回'}
                  subTitle={
                    <>
                      {t.decision.reason ? <div>理由：{t.decision.reason}</div> : null}
                      <div>
                        {STAFF_ROLE_LABELS[t.decision.reviewer.role] ?? t.decision.reviewer.role} 于{' '}
                        {formatDateTime(t.decision.decidedAt)} 审核
                      </div>
                    </>
                  }
                />
              ) : t.status !== 'PENDING' ? (
                <Alert type="info" showIcon title={REVIEW_STATUS_LABELS[t.status]} />
              ) : (
                <>
                  <ApiErrorAlert error={decide.error} title="审核未能提交" />
                  {!rejecting ? (
                    <Space>
                      <Button type="primary" onClick={approve} loading={decide.isPending}>
                        审核通过
                      </Button>
                      <Button danger onClick={() => setRejecting(true)}>
                        驳回
                      </Button>
                    </Space>
                  ) : (
                    <Form form={form} layout="vertical" onFinish={reject} requiredMark>
                      <Form.Item
                        name="reason"
                        label="驳回理由"
                        rules={[{ required: true, whitespace: true, message: '驳回须填写理由' }]}
                      >
                        <Input.TextArea
                          rows={3}
                          maxLength={500}
                          showCount
                          placeholder="请说明驳回的原因，学生和用人单位将看到该理由"
                        />
                      </Form.Item>
                      <Space>
                        <Button danger htmlType="submit" loading={decide.isPending}>
                          确认驳回
                        </Button>
                        <Button onClick={() => setRejecting(false)}>取消</Button>
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
