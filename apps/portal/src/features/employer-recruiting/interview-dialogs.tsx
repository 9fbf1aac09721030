import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import {
  TERMS_FIELD_MAP,
  TermsFields,
  toTerms,
  type TermsValues,
} from '../employer-signing/terms-fields';
import {
  useInvite,
  usePositions,
  useRecordResult,
  type ApplicationView,
  type InvitationView,
} from './recruiting-api';

/** 邀请面试: time, place, note. */
export function InviteDialog({
  application,
  onClose,
}: {
  application: ApplicationView | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ at: Dayjs; place: string; note?: string }>();
  const invite = useInvite();
  return (
    <Modal
      open={application !== null}
      title={`邀请面试：${application?.positionTitle ?? ''}`}
      okText="发送邀请"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={() => {
        invite.reset();
        onClose();
      }}
      confirmLoading={invite.isPending}
      destroyOnHidden
    >
      <ApiErrorAlert error={invite.error} title="邀请失败" />
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          application &&
          invite.mutate(
            {
              applicationId: application.id,
              body: { at: v.at.toISOString(), place: v.place, note: v.note ?? '' },
            },
            { onSuccess: onClose, onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item
          label="面试时间"
          name="at"
          rules={[{ required: true, message: '请选择面试时间' }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item
          label="面试地点"
          name="place"
          rules={[{ required: true, whitespace: true, message: '请输入面试地点' }, { max: 200 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item label="备注" name="note" rules={[{ max: 1000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ResultValues {
  passed: boolean;
  sendOffer: boolean;
  positionId?: string;
  terms?: TermsValues;
}

/** 面试结果: passed or not; a pass may send a signing offer (position + terms) that the graduate accepts. */
export function ResultDialog({
  invitation,
  onClose,
}: {
  invitation: InvitationView | null;
  onClose: () => void;
}) {
  const { claims, me } = useSession();
  const [form] = Form.useForm<ResultValues>();
  const record = useRecordResult();
  const positions = usePositions(claims?.employerId, 1, 100);
  const passed = Form.useWatch('passed', form);
  const sendOffer = Form.useWatch('sendOffer', form);
  const onFinish = (v: ResultValues) => {
    if (!invitation) return;
    const offer =
      v.passed && v.sendOffer && v.positionId && v.terms
        ? { positionId: v.positionId, terms: toTerms(v.terms) }
        : undefined;
    record.mutate(
      { invitationId: invitation.id, body: { passed: v.passed, ...(offer ? { offer } : {}) } },
      {
        onSuccess: onClose,
        onError: (e) =>
          applyFieldErrors(form, e, { ...TERMS_FIELD_MAP, 'offer.positionId': ['positionId'] }),
      },
    );
  };
  return (
    <Modal
      open={invitation !== null}
      title="录入面试结果"
      okText="提交"
      cancelText="取消"
      onOk={() => form.submit()}
      onCancel={() => {
        record.reset();
        onClose();
      }}
      confirmLoading={record.isPending}
      destroyOnHidden
      width={720}
    >
      <ApiErrorAlert error={record.error} title="提交失败" />
      <Form<ResultValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ passed: true, sendOffer: true, positionId: invitation?.positionId }}
        onFinish={onFinish}
      >
        <Form.Item label="面试结果" name="passed">
          <Radio.Group
            options={[
              { value: true, label: '通过' },
              { value: false, label: '未通过' },
            ]}
          />
        </Form.Item>
        {passed ? (
          <Form.Item label="是否发出签约通知" name="sendOffer">
            <Radio.Group
              options={[
                { value: true, label: '发出签约通知（毕业生接受即签约）' },
                { value: false, label: '暂不发出' },
              ]}
            />
          </Form.Item>
        ) : null}
        {passed && sendOffer ? (
          <>
            <Form.Item
              label="签约岗位"
              name="positionId"
              rules={[{ required: true, message: '请选择签约岗位' }]}
            >
              <Select
                options={(positions.data?.items ?? []).map((p) => ({
                  value: p.id,
                  label: `${p.title}（${p.location}）`,
                }))}
              />
            </Form.Item>
            <TermsFields hasHiringAutonomy={me?.employer?.hasHiringAutonomy} />
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
