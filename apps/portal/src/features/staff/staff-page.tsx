import { Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { formatDateTime, STAFF_ROLE_LABELS } from '../../shared/labels';
import { useSchoolDepartments } from '../../shared/school-departments';
import {
  useCreateStaff,
  useDeactivateStaff,
  useReactivateStaff,
  useStaff,
  useUpdateStaff,
  type NewStaff,
  type StaffAccount,
  type StaffRole,
} from './staff-hooks';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';
import { ReasonDialog } from '../../shared/ui/reason-dialog';

const ROLE_OPTIONS = Object.entries(STAFF_ROLE_LABELS).map(([value, label]) => ({ value, label }));

type Dialog =
  | { kind: 'create' }
  | { kind: 'scope'; account: StaffAccount }
  | { kind: 'deactivate'; account: StaffAccount };

/** 账号管理: the school's staff accounts — create, change scope, deactivate and reactivate. */
export function StaffPage() {
  const { claims } = useSession();
  const schoolCode = claims?.schoolCode ?? '';
  const departments = useSchoolDepartments(schoolCode);
  const departmentName = (code: string | null) =>
    code ? (departments.data?.find((d) => d.code === code)?.name ?? code) : '—';
  const [filters, setFilters] = useState<{ role?: StaffRole; page: number; pageSize: number }>({
    page: 1,
    pageSize: 20,
  });
  const staff = useStaff(schoolCode, filters);
  const reactivate = useReactivateStaff(schoolCode);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  return (
    <>
      <PageHeader
        title="账号管理"
        extra={
          <Button type="primary" onClick={() => setDialog({ kind: 'create' })}>
            新建账号
          </Button>
        }
      />
      <Card>
        <FilterBar label="筛选账号">
          <FilterSelect
            label="角色"
            width={180}
            placeholder="全部角色"
            value={filters.role}
            options={STAFF_ROLE_LABELS}
            onChange={(role) => setFilters((f) => ({ ...f, role, page: 1 }))}
          />
        </FilterBar>
        <ApiErrorAlert error={reactivate.error} title="启用失败" />
        <ApiErrorAlert error={staff.error} title="账号加载失败" />
        <Table<StaffAccount>
          rowKey="userId"
          dataSource={staff.data?.items ?? []}
          loading={staff.isFetching}
          locale={{ emptyText: '暂无账号' }}
          columns={[
            { title: '用户名', dataIndex: 'username' },
            { title: '角色', dataIndex: 'role', render: (r: string) => STAFF_ROLE_LABELS[r] ?? r },
            {
              title: '负责范围',
              key: 'scope',
              render: (_, a) =>
                a.role === 'DEPARTMENT_STAFF'
                  ? departmentName(a.departmentCode)
                  : a.role === 'COUNSELLOR'
                    ? [
                        a.classNames.length ? `班级：${a.classNames.join('、')}` : '',
                        a.graduateIds.length ? `指定学生 ${a.graduateIds.length} 名` : '',
                      ]
                        .filter(Boolean)
                        .join('；') || '—'
                    : '全校',
            },
            {
              title: '状态',
              key: 'active',
              render: (_, a) =>
                a.active ? <Tag color="success">正常</Tag> : <Tag color="error">已停用</Tag>,
            },
            { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            {
              title: '操作',
              key: 'actions',
              render: (_, a) => (
                <Space size={4}>
                  {a.role !== 'SCHOOL_ADMIN' ? (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'scope', account: a })}
                      aria-label={`调整 ${a.username} 的负责范围`}
                    >
                      调整范围
                    </Button>
                  ) : null}
                  {a.active ? (
                    a.userId !== claims?.userId ? (
                      <Button
                        size="small"
                        danger
                        onClick={() => setDialog({ kind: 'deactivate', account: a })}
                        aria-label={`停用 ${a.username}`}
                      >
                        停用
                      </Button>
                    ) : null
                  ) : (
                    <Button
                      size="small"
                      onClick={() => reactivate.mutate(a.userId)}
                      aria-label={`启用 ${a.username}`}
                    >
                      启用
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: staff.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 个账号`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
        {dialog?.kind === 'create' ? (
          <CreateStaffDialog
            schoolCode={schoolCode}
            departments={departments.data ?? []}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'scope' ? (
          <ScopeDialog
            schoolCode={schoolCode}
            account={dialog.account}
            departments={departments.data ?? []}
            onClose={() => setDialog(null)}
          />
        ) : null}
        {dialog?.kind === 'deactivate' ? (
          <DeactivateDialog
            schoolCode={schoolCode}
            account={dialog.account}
            onClose={() => setDialog(null)}
          />
        ) : null}
      </Card>
    </>
  );
}

type Departments = Array<{ code: string; name: string }>;

export function CreateStaffDialog({
  schoolCode,
  departments,
  onClose,
  roles = ['DEPARTMENT_STAFF', 'COUNSELLOR', 'SCHOOL_ADMIN'],
}: {
  schoolCode: string;
  departments: Departments;
  onClose: () => void;
  roles?: StaffRole[];
}) {
  const [form] = Form.useForm<NewStaff>();
  const create = useCreateStaff(schoolCode);
  const role = Form.useWatch('role', form);
  return (
    <Modal
      open
      title="新建账号"
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ApiErrorAlert error={create.error} title="创建失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: roles[0] }}
        onFinish={(v) =>
          create.mutate(
            {
              username: v.username.trim(),
              password: v.password,
              role: v.role,
              ...(v.role === 'DEPARTMENT_STAFF' ? { departmentCode: v.departmentCode } : {}),
              ...(v.role === 'COUNSELLOR' ? { classNames: v.classNames ?? [] } : {}),
            },
            { onSuccess: onClose, onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        <Form.Item name="role" label="角色" rules={[{ required: true }]}>
          <Select options={ROLE_OPTIONS.filter((o) => roles.includes(o.value as StaffRole))} />
        </Form.Item>
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            {
              required: true,
              pattern: /^[A-Za-z0-9_.@-]{3,64}$/,
              message: '3–64 位字母、数字或 _ . @ -',
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          rules={[{ required: true, min: 8, message: '密码至少 8 位' }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {role === 'DEPARTMENT_STAFF' ? (
          <Form.Item
            name="departmentCode"
            label="所属院系"
            rules={[{ required: true, message: '请选择院系' }]}
          >
            <Select options={departments.map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
        ) : null}
        {role === 'COUNSELLOR' ? (
          <Form.Item
            name="classNames"
            label="负责班级"
            rules={[{ required: true, message: '请填写至少一个班级' }]}
            extra="输入班级名称后按回车，可填写多个"
          >
            <Select mode="tags" open={false} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

function ScopeDialog({
  schoolCode,
  account,
  departments,
  onClose,
}: {
  schoolCode: string;
  account: StaffAccount;
  departments: Departments;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ departmentCode?: string; classNames?: string[] }>();
  const update = useUpdateStaff(schoolCode);
  const isDepartment = account.role === 'DEPARTMENT_STAFF';
  return (
    <Modal
      open
      title={`调整 ${account.username} 的负责范围`}
      okText="保存"
      cancelText="取消"
      confirmLoading={update.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      <ApiErrorAlert error={update.error} title="保存失败" />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          departmentCode: account.departmentCode ?? undefined,
          classNames: account.classNames,
        }}
        onFinish={(v) =>
          update.mutate(
            {
              userId: account.userId,
              ...(isDepartment
                ? { departmentCode: v.departmentCode }
                : { classNames: v.classNames ?? [] }),
            },
            { onSuccess: onClose, onError: (e) => applyFieldErrors(form, e) },
          )
        }
      >
        {isDepartment ? (
          <Form.Item
            name="departmentCode"
            label="所属院系"
            rules={[{ required: true }]}
            extra="更换院系后，该老师需重新登录。"
          >
            <Select options={departments.map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
        ) : (
          <Form.Item name="classNames" label="负责班级" extra="输入班级名称后按回车，可填写多个">
            <Select mode="tags" open={false} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function DeactivateDialog({
  schoolCode,
  account,
  onClose,
}: {
  schoolCode: string;
  account: StaffAccount;
  onClose: () => void;
}) {
  const deactivate = useDeactivateStaff(schoolCode);
  return (
    <ReasonDialog
      title={`停用账号 ${account.username}`}
      okText="停用"
      danger
      intro="停用后该账号立即退出登录且无法再登录，可随时重新启用。"
      label="停用原因"
      requiredMessage="请填写停用原因"
      placeholder="例如：已调离本校"
      rows={2}
      errorTitle="停用失败"
      pending={deactivate.isPending}
      error={deactivate.error}
      onClose={onClose}
      onSubmit={(reason, callbacks) =>
        deactivate.mutate({ userId: account.userId, reason }, callbacks)
      }
    />
  );
}
