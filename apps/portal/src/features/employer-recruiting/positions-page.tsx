import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime } from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import { PositionFormModal } from './position-form-modal';
import { useClosePosition, usePositions, type PositionView } from './recruiting-api';

/** 岗位管理: the employer's open positions; publish, edit, close. */
export function PositionsPage() {
  const { claims } = useSession();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const positions = usePositions(claims?.employerId, page);
  const close = useClosePosition();
  const [editing, setEditing] = useState<PositionView | null>(null);
  const [formOpen, setFormOpen] = useState(false);

  const openForm = (position: PositionView | null) => {
    setEditing(position);
    setFormOpen(true);
  };

  return (
    <>
      <PageHeader
        title="岗位管理"
        description="发布的岗位对毕业生可见；关闭后不再接受投递和签约。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            发布岗位
          </Button>
        }
      />
      <Card>
        <ApiErrorAlert error={positions.error} title="加载失败" />
        <ApiErrorAlert error={close.error} title="关闭岗位失败" onClose={() => close.reset()} />
        <Table<PositionView>
          rowKey="id"
          loading={positions.isLoading}
          dataSource={positions.data?.items ?? []}
          locale={{ emptyText: <Empty description="还没有发布岗位，点击「发布岗位」开始招聘" /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: positions.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 个岗位`,
          }}
          columns={[
            { title: '岗位名称', dataIndex: 'title' },
            { title: '工作地点', dataIndex: 'location' },
            { title: '招聘人数', dataIndex: 'headcount', width: 100 },
            { title: '薪资范围', dataIndex: 'salaryRange', render: (v?: string) => v || '面议' },
            { title: '发布时间', dataIndex: 'createdAt', render: formatDateTime, width: 170 },
            {
              title: '操作',
              key: 'actions',
              width: 160,
              render: (_, position) => (
                <Space>
                  <Button
                    type="link"
                    onClick={() => openForm(position)}
                    aria-label={`编辑 ${position.title}`}
                  >
                    编辑
                  </Button>
                  <Popconfirm
                    title="关闭这个岗位？"
                    description="关闭后毕业生不能再投递，也不能再以此岗位签约。"
                    okText="关闭岗位"
                    cancelText="取消"
                    onConfirm={() =>
                      close.mutateAsync(position.id).then(
                        () => void message.success(`已关闭：${position.title}`),
                        () => undefined,
                      )
                    }
                  >
                    <Button type="link" danger aria-label={`关闭 ${position.title}`}>
                      关闭
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <PositionFormModal open={formOpen} position={editing} onClose={() => setFormOpen(false)} />
    </>
  );
}
