import {
  DESTINATION_CODES_BY_CATEGORY,
  graduateDestinationName,
} from '@netsign/standard-codes/tables';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { AGREEMENT_STATUS_LABELS, DESTINATION_LABELS } from '../../shared/labels';
import { useSchoolDepartments } from '../../shared/school-departments';
import {
  useGraduates,
  useIssuePaperForm,
  useReleaseBinding,
  useSetDestination,
  useUnlock,
  type GraduateFilters,
  type Destination,
  type GraduateRow,
} from './roster-hooks';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';
import { ReasonDialog } from '../../shared/ui/reason-dialog';

const DESTINATION_OPTIONS = (Object.keys(DESTINATION_LABELS) as Destination[]).map((value) => ({
  value,
  label:
    value === 'AWAITING_EMPLOYMENT'
      ? `${DESTINATION_LABELS[value]}（尚未签约）`
      : DESTINATION_LABELS[value],
}));
const OFFLINE_OPTIONS = (['SIGNED_OFFLINE', 'FURTHER_STUDY', 'OTHER'] as const).map((value) => ({
  value,
  label: DESTINATION_LABELS[value],
}));

type Dialog =
  | { kind: 'unlock'; graduate: GraduateRow }
  | { kind: 'destination'; graduate: GraduateRow }
  | { kind: 'paper-form'; graduate: GraduateRow; reissue: boolean };

/** 毕业生名单: the roster in the caller's scope with destinations; the school admin's actions. */
export function GraduatesPage() {
  const { claims } = useSession();
  const { message } = App.useApp();
  const schoolCode = claims?.schoolCode ?? '';
  const isAdmin = claims?.role === 'SCHOOL_ADMIN';
  const departments = useSchoolDepartments(isAdmin ? schoolCode : undefined);
  const [filters, setFilters] = useState<GraduateFilters>({ page: 1, pageSize: 20 });
  const graduates = useGraduates(schoolCode, filters);
  const release = useReleaseBinding(schoolCode);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const change = (patch: Partial<GraduateFilters>) =>
    setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: ColumnsType<GraduateRow> = [
    { title: '学号', dataIndex: 'studentNo' },
    { title: '姓名', dataIndex: 'name' },
    { title: '院系', dataIndex: 'departmentName' },
    { title: '专业', dataIndex: 'major' },
    { title: '班级', dataIndex: 'className', render: (v: string | null) => v ?? '—' },
    { title: '身份证号', dataIndex: 'idNumberMasked' },
    {
      title: '微信绑定',
      dataIndex: 'wechatBound',
      render: (bound: boolean) => (bound ? <Tag color="success">已绑定</Tag> : <Tag>未绑定</Tag>),
    },
    {
      title: '毕业去向',
      key: 'destination',
      render: (_, g) => (
        <span title={g.destinationNote ?? undefined}>
          <Tag color={g.destination === 'AWAITING_EMPLOYMENT' ? 'warning' : 'blue'}>
            {DESTINATION_LABELS[g.destination]}
          </Tag>
        </span>
      ),
    },
    {
      title: '当前协议',
      key: 'agreement',
      render: (_, g) =>
        g.activeAgreement ? (
          <Space orientation="vertical" size={0}>
            <span>{g.activeAgreement.agreementNo}</span>
            <Typography.Text type="secondary">
              {AGREEMENT_STATUS_LABELS[g.activeAgreement.status] ?? g.activeAgreement.status}
            </Typography.Text>
          </Space>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, g) => (
        <Space wrap size={4}>
          {isAdmin && g.wechatBound ? (
            <Popconfirm
              title={`解除 ${g.name} 的微信绑定？`}
              description="解除后该微信号将退出登录，学生可用新的微信号重新绑定。"
              okText="解除绑定"
              cancelText="取消"
              onConfirm={() =>
                release.mutateAsync(g.graduateId).then(
                  () => void message.success(`已解除 ${g.name} 的微信绑定`),
                  () => undefined,
                )
              }
            >
              <Button size="small">解除绑定</Button>
            </Popconfirm>
          ) : null}
          {isAdmin && g.destination !== 'AWAITING_EMPLOYMENT' ? (
            <Button size="small" onClick={() => setDialog({ kind: 'unlock', graduate: g })}>
              解锁
            </Button>
          ) : null}
          {isAdmin && !g.activeAgreement ? (
            <Button size="small" onClick={() => setDialog({ kind: 'destination', graduate: g })}>
              登记去向
            </Button>
          ) : null}
          <Button
            size="small"
            onClick={() => setDialog({ kind: 'paper-form', graduate: g, reissue: false })}
          >
            发放协议书
          </Button>
          <Button
            size="small"
            onClick={() => setDialog({ kind: 'paper-form', graduate: g, reissue: true })}
          >
            补发
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="毕业生名单" />
      <Card>
        <FilterBar label="筛选毕业生">
          <Input.Search
            aria-label="搜索毕业生"
            placeholder="学号或姓名"
            allowClear
            style={{ width: 240 }}
            onSearch={(q) => change({ q: q.trim() || undefined })}
          />
          <FilterSelect
            label="毕业去向"
            width={220}
            placeholder="全部毕业去向"
            value={filters.destination}
            options={DESTINATION_OPTIONS}
            onChange={(destination) => change({ destination })}
          />
          {isAdmin ? (
            <FilterSelect
              label="院系"
              width={180}
              placeholder="全部院系"
              value={filters.departmentCode}
              options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
              onChange={(departmentCode) => change({ departmentCode })}
            />
          ) : null}
        </FilterBar>
        <ApiErrorAlert error={release.error} title="解除绑定失败" />
        <ApiErrorAlert error={graduates.error} title="名单加载失败" />
        <Table
          rowKey="graduateId"
          columns={columns}
          dataSource={graduates.data?.items ?? []}
          loading={graduates.isFetching}
          scroll={{ x: 1300 }}
          locale={{
            emptyText:
              filters.destination || filters.q
                ? '没有符合条件的毕业生'
                : '名单为空，请先导入生源信息',
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: graduates.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 人`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
        {dialog?.kind === 'unlock' ? (
          <UnlockDialog
            schoolCode={schoolCode}
            graduate={dialog.graduate}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'destination' ? (
          <DestinationDialog
            schoolCode={schoolCode}
            graduate={dialog.graduate}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'paper-form' ? (
          <PaperFormDialog
            schoolCode={schoolCode}
            graduate={dialog.graduate}
            reissue={dialog.reissue}
            onClose={() => setDialog(null)}
          />
        ) : null}
      </Card>
    </>
  );
}

interface DialogProps {
  schoolCode: string;
  graduate: GraduateRow;
  onClose: () => void;
}

function UnlockDialog({ schoolCode, graduate, onClose }: DialogProps) {
  const unlock = useUnlock(schoolCode);
  return (
    <ReasonDialog
      title={`解锁 ${graduate.name}：毕业去向改回“待就业”`}
      okText="确认解锁"
      label="解锁理由"
      requiredMessage="请填写解锁理由"
      errorTitle="解锁失败"
      pending={unlock.isPending}
      error={unlock.error}
      onClose={onClose}
      onSubmit={(reason, callbacks) =>
        unlock.mutate({ graduateId: graduate.graduateId, reason }, callbacks)
      }
    />
  );
}

/** 毕业去向代码 a category may be recorded as (docs/standard-codes.md). */
const destinationCodeOptions = (destination: Destination | undefined) =>
  (destination && destination in DESTINATION_CODES_BY_CATEGORY
    ? DESTINATION_CODES_BY_CATEGORY[destination as keyof typeof DESTINATION_CODES_BY_CATEGORY]
    : []
  ).map((code) => ({ value: code, label: `${code} ${graduateDestinationName(code) ?? ''}` }));

function DestinationDialog({ schoolCode, graduate, onClose }: DialogProps) {
  const [form] = Form.useForm<{
    destination: Destination;
    note: string;
    destinationCode?: string;
  }>();
  const set = useSetDestination(schoolCode);
  const destination = Form.useWatch('destination', form);
  const codeOptions = destinationCodeOptions(destination);
  return (
    <Modal
      open
      title={`登记 ${graduate.name} 的毕业去向`}
      okText="保存"
      cancelText="取消"
      confirmLoading={set.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ApiErrorAlert error={set.error} title="登记失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ destination: 'SIGNED_OFFLINE', destinationCode: '10' }}
        onValuesChange={(changed: { destination?: Destination }) => {
          // A new category: its default code (the first), or none to choose (其他).
          if (changed.destination) {
            const first = destinationCodeOptions(changed.destination)[0]?.value;
            form.setFieldValue(
              'destinationCode',
              changed.destination === 'OTHER' ? undefined : first,
            );
          }
        }}
        onFinish={(v) =>
          set.mutate(
            {
              graduateId: graduate.graduateId,
              destination: v.destination,
              note: v.note?.trim() ?? '',
              ...(v.destinationCode ? { destinationCode: v.destinationCode } : {}),
            },
            { onSuccess: onClose, onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item name="destination" label="毕业去向" rules={[{ required: true }]}>
          <Select options={OFFLINE_OPTIONS} />
        </Form.Item>
        <Form.Item
          name="destinationCode"
          label="毕业去向代码"
          extra="教育部毕业去向代码"
          rules={[{ required: true, message: '请选择毕业去向代码' }]}
        >
          <Select options={codeOptions} placeholder="请选择" />
        </Form.Item>
        <Form.Item
          name="note"
          label="说明"
          rules={[{ required: true, whitespace: true, message: '请填写说明，例如签约单位' }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder="例如：与合肥某公司线下签订纸质协议"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PaperFormDialog({
  schoolCode,
  graduate,
  reissue,
  onClose,
}: DialogProps & { reissue: boolean }) {
  const [form] = Form.useForm<{ formNo: string; reason?: string }>();
  const { message } = App.useApp();
  const issue = useIssuePaperForm(schoolCode);
  return (
    <Modal
      open
      title={`${reissue ? '补发' : '发放'}纸质协议书：${graduate.name}`}
      okText={reissue ? '补发' : '发放'}
      cancelText="取消"
      confirmLoading={issue.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ApiErrorAlert error={issue.error} title={reissue ? '补发失败' : '发放失败'} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          issue.mutate(
            {
              graduateId: graduate.graduateId,
              formNo: v.formNo.trim(),
              ...(reissue ? { reissueReason: v.reason?.trim() ?? '' } : {}),
            },
            {
              onSuccess: () => {
                void message.success('已登记');
                onClose();
              },
              onError: (e) => applyFieldErrors(form, e),
            },
          )
        }
      >
        <Form.Item
          name="formNo"
          label="协议书编号"
          rules={[{ required: true, whitespace: true, message: '请填写协议书编号' }]}
        >
          <Input maxLength={40} placeholder="例如 AH2026-000123" />
        </Form.Item>
        {reissue ? (
          <Form.Item
            name="reason"
            label="补发原因"
            rules={[{ required: true, whitespace: true, message: '请填写补发原因' }]}
          >
            <Input.TextArea rows={2} maxLength={500} placeholder="例如：原协议书遗失" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
