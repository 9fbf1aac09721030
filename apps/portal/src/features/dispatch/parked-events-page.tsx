import { Button, Card, Checkbox, Flex, Popconfirm, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime } from '../../shared/labels';
import {
  useParkedEvents,
  useReplayParked,
  type ParkedEvent,
  type ServiceName,
} from './dispatch-hooks';
import { PageHeader } from '../../shared/ui/page-header';

/** The services, in the order operators read them (a type-only import keeps contracts out of the bundle). */
const SERVICE_LABELS: Record<ServiceName, string> = {
  identity: '身份与名单',
  recruiting: '招聘',
  signing: '签约',
  review: '审核',
  printing: '打印',
  'dispatch-sync': '派遣同步',
};

const SERVICE_NAMES = Object.keys(SERVICE_LABELS) as ServiceName[];

function ParkedList({ service }: { service: ServiceName }) {
  const [includeReplayed, setIncludeReplayed] = useState(false);
  const events = useParkedEvents(service, includeReplayed);
  const replay = useReplayParked(service);
  return (
    <>
      <Flex style={{ marginBottom: 12 }}>
        <Checkbox checked={includeReplayed} onChange={(e) => setIncludeReplayed(e.target.checked)}>
          包括已重放的事件
        </Checkbox>
      </Flex>
      <ApiErrorAlert error={replay.error} title="重放失败" />
      <ApiErrorAlert error={events.error} title="搁置事件加载失败" />
      <Table<ParkedEvent>
        rowKey="id"
        size="small"
        dataSource={events.data ?? []}
        loading={events.isFetching}
        locale={{ emptyText: '没有搁置的事件，一切正常' }}
        columns={[
          { title: '消费者', dataIndex: 'consumer' },
          { title: '事件主题', dataIndex: 'subject' },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          { title: '投递次数', dataIndex: 'deliveries', align: 'right' },
          { title: '搁置时间', dataIndex: 'parkedAt', render: (v: string) => formatDateTime(v) },
          {
            title: '状态',
            dataIndex: 'replayedAt',
            render: (v: string | null) =>
              v ? (
                <Tag color="success">已于 {formatDateTime(v)} 重放</Tag>
              ) : (
                <Tag color="warning">待处理</Tag>
              ),
          },
          {
            title: '操作',
            key: 'action',
            render: (_, e) =>
              e.replayedAt ? null : (
                <Popconfirm
                  title="重新处理该事件？"
                  okText="重放"
                  cancelText="取消"
                  onConfirm={() => replay.mutate(e.id)}
                >
                  <Button size="small" type="primary">
                    重放
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </>
  );
}

/** 搁置事件: events a service's consumers gave up on, per service, with replay. */
export function ParkedEventsPage() {
  return (
    <>
      <PageHeader title="搁置事件" />
      <Card>
        <Typography.Paragraph type="secondary">
          服务处理失败或内容无效的事件会被搁置在这里，修复原因后可重放。正常情况下各服务均应为空。
        </Typography.Paragraph>
        <Tabs
          items={SERVICE_NAMES.map((s) => ({
            key: s,
            label: SERVICE_LABELS[s],
            children: <ParkedList service={s} />,
          }))}
        />
      </Card>
    </>
  );
}
