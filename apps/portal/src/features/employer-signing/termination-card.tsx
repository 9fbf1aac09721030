import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Skeleton,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import {
  formatDateTime,
  label,
  STAFF_ROLE_LABELS,
  TERMINATION_APPLICANT_LABELS,
  TERMINATION_STATUS_LABELS,
} from '../../shared/labels';
import { TERMINATION_STATUS_COLORS } from '../terminations/terminations-page';
import {
  useAgreementTerminations,
  useApplyTermination,
  useWithdrawTermination,
  type AgreementTermination,
} from './termination-api';

const ACTIVE = ['PENDING_REVIEW', 'APPROVED'];

interface ApplyValues {
  reason: string;
  materials: UploadFile[];
}

/**
 * 解除协议 on the employer's agreement page: the latest application (whoever applied) and its
 * outcome; while the agreement is in force and nothing is open, 申请解除协议 with a reason and
 * materials; the employer withdraws what it applied for.
 */
export function TerminationCard({
  agreementId,
  agreementStatus,
}: {
  agreementId: string;
  agreementStatus: string;
}) {
  const list = useAgreementTerminations(agreementId);
  const apply = useApplyTermination(agreementId);
  const withdraw = useWithdrawTermination(agreementId);
  const [applying, setApplying] = useState(false);
  const [form] = Form.useForm<ApplyValues>();

  if (list.isLoading) return <Skeleton active paragraph={{ rows: 3 }} />;
  const items = list.data?.items ?? [];
  const latest = items[items.length - 1];
  const open = items.find((t) => t.status === 'PENDING');
  const canApply = ACTIVE.includes(agreementStatus) && !open;

  const submit = (values: ApplyValues) =>
    apply.mutate(
      {
        reason: values.reason.trim(),
        materials: values.materials
          .map((f) => f.originFileObj)
          .filter((f): f is NonNullable<typeof f> => Boolean(f)),
      },
      {
        onSuccess: () => {
          form.resetFields();
          setApplying(false);
        },
        onError: (err) => applyFieldErrors(form, err),
      },
    );

  return (
    <>
      <ApiErrorAlert error={list.error} title="解约申请加载失败" />
      {latest ? <TerminationSummary t={latest} /> : null}
      {open?.applicant === 'EMPLOYER' ? (
        <>
          <ApiErrorAlert error={withdraw.error} title="撤回未能提交" />
          <Popconfirm
            title="确认撤回解约申请？"
            description="撤回后协议继续有效。"
            okText="撤回申请"
            cancelText="取消"
            onConfirm={() => withdraw.mutate(open.id)}
          >
            <Button loading={withdraw.isPending}>撤回解约申请</Button>
          </Popconfirm>
        </>
      ) : null}
      {open?.applicant === 'GRADUATE' ? (
        <Typography.Paragraph type="secondary">
          毕业生已申请解除协议，待学校辅导员处理。
        </Typography.Paragraph>
      ) : null}
      {!latest && !canApply ? (
        <Typography.Text type="secondary">该协议当前不能申请解除。</Typography.Text>
      ) : null}
      {canApply && !applying ? (
        <>
          {!latest ? (
            <Typography.Paragraph type="secondary">
              双方协商一致或有法定情形时，可申请解除协议，由毕业生所在学校的辅导员审核；同意后协议即解除。
            </Typography.Paragraph>
          ) : null}
          <Button danger onClick={() => setApplying(true)}>
            申请解除协议
          </Button>
        </>
      ) : null}
      {canApply && applying ? (
        <Form<ApplyValues>
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ materials: [] }}
        >
          <ApiErrorAlert error={apply.error} title="解约申请未能提交" />
          <Form.Item
            name="reason"
            label="解约理由"
            rules={[{ required: true, whitespace: true, message: '请填写解约理由' }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder="如：岗位撤销，经与毕业生协商一致解除协议"
            />
          </Form.Item>
          <Form.Item
            name="materials"
            label="解约材料"
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
            extra="PDF、JPG 或 PNG，每份不超过 10 MB，可上传多份（如双方解约协商书、单位情况说明）"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少上传一份解约材料' }]}
          >
            <Upload
              beforeUpload={() => false}
              multiple
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            >
              <Button icon={<UploadOutlined />}>选择文件</Button>
            </Upload>
          </Form.Item>
          <Space>
            <Button type="primary" danger htmlType="submit" loading={apply.isPending}>
              提交解约申请
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply.reset();
                setApplying(false);
              }}
            >
              取消
            </Button>
          </Space>
        </Form>
      ) : null}
    </>
  );
}

function TerminationSummary({ t }: { t: AgreementTermination }) {
  return (
    <>
      {t.status === 'PENDING' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="解约申请待学校处理" />
      ) : null}
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 12 }}
        styles={{ label: { whiteSpace: 'nowrap' } }}
      >
        <Descriptions.Item label="解约状态">
          <Tag color={TERMINATION_STATUS_COLORS[t.status]}>
            {label(TERMINATION_STATUS_LABELS, t.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label="申请方">
          {label(TERMINATION_APPLICANT_LABELS, t.applicant)}
        </Descriptions.Item>
        <Descriptions.Item label="申请时间">{formatDateTime(t.appliedAt)}</Descriptions.Item>
        <Descriptions.Item label="解约理由">{t.reason}</Descriptions.Item>
        <Descriptions.Item label="解约材料">
          {t.materials.map((m) => m.fileName).join('、')}
        </Descriptions.Item>
        {t.decision ? (
          <Descriptions.Item label="学校意见">
            {t.decision.decision === 'AGREE' ? '同意解约' : '不同意解约'}
            {t.decision.reason ? `：${t.decision.reason}` : ''}
            <div>
              <Typography.Text type="secondary">
                {label(STAFF_ROLE_LABELS, t.decision.decider.role)} ·{' '}
                {formatDateTime(t.decision.decidedAt)}
              </Typography.Text>
            </div>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
    </>
  );
}
