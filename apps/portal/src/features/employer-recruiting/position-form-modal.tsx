import { Form, Input, InputNumber, Modal } from 'antd';
import { useEffect } from 'react';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import {
  useCreatePosition,
  useUpdatePosition,
  type PositionInput,
  type PositionView,
} from './recruiting-api';

/** 发布岗位 / 编辑岗位: the limits are the API's (title and location ≤ 100, headcount 1–10,000). */
export function PositionFormModal({
  open,
  position,
  onClose,
}: {
  open: boolean;
  position: PositionView | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<PositionInput>();
  const create = useCreatePosition();
  const update = useUpdatePosition();
  const mutation = position ? update : create;

  useEffect(() => {
    if (!open) return;
    create.reset();
    update.reset();
    form.resetFields();
    if (position) form.setFieldsValue(position);
    // Reset only when the dialog opens (for another position).
  }, [open, position]);

  const onFinish = (values: PositionInput) => {
    const done = { onSuccess: onClose, onError: (error: unknown) => applyFieldErrors(form, error) };
    if (position) update.mutate({ positionId: position.id, changes: values }, done);
    else create.mutate(values, done);
  };

  return (
    <Modal
      open={open}
      title={position ? '编辑岗位' : '发布岗位'}
      okText={position ? '保存' : '发布'}
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      width={640}
    >
      <ApiErrorAlert error={mutation.error} title={position ? '保存失败' : '发布失败'} />
      <Form<PositionInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ headcount: 1 }}
      >
        <Form.Item
          label="岗位名称"
          name="title"
          rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }, { max: 100 }]}
        >
          <Input placeholder="如 后端开发工程师" />
        </Form.Item>
        <Form.Item
          label="工作地点"
          name="location"
          rules={[{ required: true, whitespace: true, message: '请输入工作地点' }, { max: 100 }]}
        >
          <Input placeholder="如 安徽省合肥市" />
        </Form.Item>
        <Form.Item
          label="招聘人数"
          name="headcount"
          rules={[{ required: true, message: '请输入招聘人数' }]}
        >
          <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="薪资范围" name="salaryRange" rules={[{ max: 50 }]}>
          <Input placeholder="如 8k-12k" />
        </Form.Item>
        <Form.Item label="岗位描述" name="description" rules={[{ max: 5000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
