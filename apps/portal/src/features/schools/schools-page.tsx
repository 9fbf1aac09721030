import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../shared/api/client';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { formatDateTime } from '../../shared/labels';
import { CreateStaffDialog } from '../staff/staff-page';
import { useStaff, type StaffAccount } from '../staff/staff-hooks';
import {
  statisticsKeys,
  useOnlineSigningStatistics,
  type SchoolStatistics,
} from '../statistics/statistics-hooks';
import { useSchoolDirectory } from '../../shared/school-departments';
import { PageHeader } from '../../shared/ui/page-header';

interface NewSchool {
  code: string;
  name: string;
  departments: Array<{ code: string; name: string }>;
}

function useCreateSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewSchool) => {
      await unwrap(api.POST('/api/schools', { body }));
      return body;
    },
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['schools'] }),
        queryClient.invalidateQueries({ queryKey: statisticsKeys.current() }),
      ]),
  });
}

type SchoolRef = Pick<SchoolStatistics, 'schoolCode' | 'schoolName'> & {
  departments: Array<{ departmentCode: string; departmentName: string }>;
};

function SchoolAdmins({ school }: { school: SchoolRef }) {
  const admins = useStaff(school.schoolCode, { role: 'SCHOOL_ADMIN', page: 1, pageSize: 50 });
  const [creating, setCreating] = useState(false);
  return (
    <div style={{ padding: '4px 0' }}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{school.schoolName} 的学校管理员</Typography.Text>
        <Button size="small" onClick={() => setCreating(true)}>
          新建学校管理员
        </Button>
      </Flex>
      <ApiErrorAlert error={admins.error} title="管理员加载失败" />
      <Table<StaffAccount>
        rowKey="userId"
        size="small"
        pagination={false}
        loading={admins.isFetching}
        dataSource={admins.data?.items ?? []}
        locale={{ emptyText: '尚无学校管理员' }}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          {
            title: '状态',
            dataIndex: 'active',
            render: (a: boolean) =>
              a ? <Tag color="success">正常</Tag> : <Tag color="error">已停用</Tag>,
          },
          { title: '创建时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        ]}
      />
      {creating ? (
        <CreateStaffDialog
          schoolCode={school.schoolCode}
          roles={['SCHOOL_ADMIN']}
          departments={school.departments.map((d) => ({
            code: d.departmentCode,
            name: d.departmentName,
          }))}
          onClose={() => setCreating(false)}
        />
      ) : null}
    </div>
  );
}

/** 学校管理 (province): the school directory with departments, graduates and admins; create both. */
export function SchoolsPage() {
  const directory = useSchoolDirectory();
  const stats = useOnlineSigningStatistics();
  const [creating, setCreating] = useState(false);
  const create = useCreateSchool();
  const [form] = Form.useForm<NewSchool>();
  const [created, setCreated] = useState<SchoolRef | null>(null);
  const [filter, setFilter] = useState('');
  const graduates = new Map((stats.data?.schools ?? []).map((s) => [s.schoolCode, s.graduates]));
  const rows: SchoolRef[] = (directory.data ?? [])
    .filter((s) => !filter || s.code.includes(filter) || s.name.includes(filter))
    .map((s) => ({
      schoolCode: s.code,
      schoolName: s.name,
      departments: s.departments.map((d) => ({ departmentCode: d.code, departmentName: d.name })),
    }));

  return (
    <>
      <PageHeader
        title="学校管理"
        description="全省学校及其院系（展开可查看和新建学校管理员）"
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建学校
          </Button>
        }
      />
      {created ? (
        <Card style={{ marginBottom: 16 }}>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={`已创建学校：${created.schoolName}（${created.schoolCode}）`}
            description="请为该校创建学校管理员；学校管理员随后导入生源。"
            closable={{ onClose: () => setCreated(null) }}
          />
          <SchoolAdmins school={created} />
        </Card>
      ) : null}
      <Card>
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Input.Search
            aria-label="按学校名称或代码筛选"
            placeholder="输入学校名称或代码筛选"
            allowClear
            style={{ width: 320 }}
            onSearch={(v) => setFilter(v.trim())}
          />
        </Flex>
        <ApiErrorAlert error={directory.error} title="学校列表加载失败" />
        <Table<SchoolRef>
          rowKey="schoolCode"
          dataSource={rows}
          loading={directory.isFetching && !directory.data}
          locale={{ emptyText: filter ? '没有匹配的学校' : '尚未创建学校' }}
          expandable={{ expandedRowRender: (s) => <SchoolAdmins school={s} /> }}
          pagination={{ pageSize: 20, showTotal: (t) => `共 ${t} 所学校` }}
          columns={[
            { title: '学校代码', dataIndex: 'schoolCode' },
            { title: '学校名称', dataIndex: 'schoolName' },
            {
              title: '院系',
              key: 'departments',
              render: (_, s) => s.departments.map((d) => d.departmentName).join('、') || '—',
            },
            {
              title: '已导入毕业生',
              key: 'graduates',
              align: 'right',
              render: (_, s) => graduates.get(s.schoolCode) ?? 0,
            },
          ]}
        />
        {creating ? (
          <Modal
            open
            width={640}
            title="新建学校"
            okText="创建"
            cancelText="取消"
            confirmLoading={create.isPending}
            onCancel={() => setCreating(false)}
            onOk={() => form.submit()}
          >
            <ApiErrorAlert error={create.error} title="创建失败" />
            <Form
              form={form}
              layout="vertical"
              initialValues={{ departments: [{ code: '', name: '' }] }}
              onFinish={(v) =>
                create.mutate(
                  {
                    code: v.code.trim(),
                    name: v.name.trim(),
                    departments: v.departments.map((d) => ({
                      code: d.code.trim(),
                      name: d.name.trim(),
                    })),
                  },
                  {
                    onSuccess: (school) => {
                      setCreating(false);
                      form.resetFields();
                      setCreated({
                        schoolCode: school.code,
                        schoolName: school.name,
                        departments: school.departments.map((d) => ({
                          departmentCode: d.code,
                          departmentName: d.name,
                        })),
                      });
                    },
                    onError: (e) => applyFieldErrors(form, e),
                  },
                )
              }
            >
              <Form.Item
                name="code"
                label="学校代码"
                rules={[
                  {
                    required: true,
                    pattern: /^[A-Za-z0-9_-]{1,20}$/,
                    message: '1–20 位字母、数字、_ 或 -',
                  },
                ]}
              >
                <Input placeholder="例如 10357" />
              </Form.Item>
              <Form.Item
                name="name"
                label="学校名称"
                rules={[{ required: true, whitespace: true, message: '请填写学校名称' }]}
              >
                <Input placeholder="例如 安徽大学" />
              </Form.Item>
              <Typography.Text strong>院系</Typography.Text>
              <Form.List name="departments">
                {(fields, { add, remove }) => (
                  <>
                    {fields.map((field, index) => (
                      <Space
                        key={field.key}
                        align="baseline"
                        style={{ display: 'flex', marginTop: 8 }}
                      >
                        <Form.Item
                          name={[field.name, 'code']}
                          rules={[{ required: true, message: '院系代码' }]}
                          style={{ marginBottom: 0 }}
                        >
                          <Input
                            aria-label={`第 ${index + 1} 个院系代码`}
                            placeholder="院系代码，如 CS"
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'name']}
                          rules={[{ required: true, message: '院系名称' }]}
                          style={{ marginBottom: 0 }}
                        >
                          <Input
                            aria-label={`第 ${index + 1} 个院系名称`}
                            placeholder="院系名称，如 计算机学院"
                          />
                        </Form.Item>
                        {fields.length > 1 ? (
                          <MinusCircleOutlined
                            aria-label="删除该院系"
                            onClick={() => remove(field.name)}
                          />
                        ) : null}
                      </Space>
                    ))}
                    <Button
                      type="dashed"
                      style={{ marginTop: 12 }}
                      icon={<PlusOutlined />}
                      onClick={() => add({ code: '', name: '' })}
                    >
                      添加院系
                    </Button>
                  </>
                )}
              </Form.List>
            </Form>
          </Modal>
        ) : null}
      </Card>
    </>
  );
}
