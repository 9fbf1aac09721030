import { Button, Card, Col, Flex, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { graduateDestinationName } from '@netsign/standard-codes/tables';
import { useState } from 'react';
import { getToken } from '../../shared/auth/session-store';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime } from '../../shared/labels';
import {
  useDispatchBacklog,
  useDispatchRecords,
  useReplayRecord,
  type DispatchRecord,
  type DispatchRecordBody,
  type DispatchRecordStatus,
} from './dispatch-hooks';

import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';

const bodyOf = (r: DispatchRecord) => r.body as DispatchRecordBody;

const STATUS_LABELS: Record<DispatchRecordStatus, string> = {
  PENDING: '待发送',
  DELIVERING: '发送中',
  DELIVERED: '已送达',
  DEAD: '投递失败',
};
const STATUS_COLORS: Record<DispatchRecordStatus, string> = {
  PENDING: 'processing',
  DELIVERING: 'processing',
  DELIVERED: 'success',
  DEAD: 'error',
};
const KIND_LABELS: Record<string, string> = {
  EMPLOYMENT: '就业',
  TERMINATION: '解约',
  DESTINATION: '去向登记',
};

function age(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟`;
  return `${(seconds / 3600).toFixed(1)} 小时`;
}

/** 派遣记录: what was sent to the provincial dispatch system; dead records can be sent again. */
export function DispatchPage() {
  const [status, setStatus] = useState<DispatchRecordStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const records = useDispatchRecords(status, paging.page, paging.pageSize);
  const backlog = useDispatchBacklog();
  const replay = useReplayRecord();

  const columns: ColumnsType<DispatchRecord> = [
    {
      title: '毕业生',
      key: 'name',
      render: (_, r) => (
        <>
          <div>{bodyOf(r).name ?? '—'}</div>
          <Typography.Text type="secondary">
            学号 {bodyOf(r).studentNo ?? '—'} · 学校 {bodyOf(r).schoolCode ?? '—'}
          </Typography.Text>
        </>
      ),
    },
    { title: '类型', dataIndex: 'kind', width: 88, render: (k: string) => KIND_LABELS[k] ?? k },
    {
      title: '协议或去向',
      key: 'agreement',
      render: (_, r) => {
        const body = bodyOf(r);
        if (r.kind === 'DESTINATION') {
          const code = body.destinationCode;
          return (
            <>
              <div>{code ? (graduateDestinationName(code) ?? code) : '其他（未填代码）'}</div>
              <Typography.Text type="secondary">毕业去向代码 {code ?? '—'}</Typography.Text>
            </>
          );
        }
        return (
          <>
            <div>{body.agreementNo ?? '—'}</div>
            <Typography.Text type="secondary">{body.employer?.name ?? '—'}</Typography.Text>
          </>
        );
      },
    },
    { title: '序号', dataIndex: 'graduateSequence', align: 'right', width: 64 },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: DispatchRecordStatus) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s]}</Tag>,
    },
    { title: '尝试', dataIndex: 'attempts', align: 'right', width: 64 },
    {
      title: '最后错误',
      dataIndex: 'lastError',
      ellipsis: true,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: '生成 / 送达',
      key: 'times',
      width: 170,
      render: (_, r) => (
        <>
          <div>{formatDateTime(r.createdAt)}</div>
          <Typography.Text type="secondary">
            {r.deliveredAt ? formatDateTime(r.deliveredAt) : '未送达'}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '操作',
      key: 'action',
      render: (_, r) =>
        r.status === 'DEAD' ? (
          <Popconfirm
            title="重新发送该记录？"
            okText="重新发送"
            cancelText="取消"
            onConfirm={() => replay.mutate(r.id)}
          >
            <Button
              size="small"
              type="primary"
              aria-label={`重新发送 ${bodyOf(r).name ?? ''} 的记录`}
            >
              重新发送
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title="派遣记录"
        description="就业、解约与学校登记的去向按毕业生顺序推送至省就业派遣管理系统"
        extra={
          <Button
            href={`/admin/queues?token=${encodeURIComponent(getToken() ?? '')}`}
            target="_blank"
            rel="noopener"
          >
            打开打印队列看板
          </Button>
        }
      />
      <Card title="积压情况">
        <ApiErrorAlert error={backlog.error} title="积压情况加载失败" />
        <Row gutter={16}>
          <Col span={5}>
            <Statistic title="待发送" value={backlog.data?.pending ?? '—'} />
          </Col>
          <Col span={5}>
            <Statistic title="发送中" value={backlog.data?.delivering ?? '—'} />
          </Col>
          <Col span={5}>
            <Statistic title="投递失败" value={backlog.data?.dead ?? '—'} />
          </Col>
          <Col span={4}>
            <Statistic title="因失败而阻塞" value={backlog.data?.blockedByDead ?? '—'} />
          </Col>
          <Col span={5}>
            <Statistic
              title="最早未送达"
              value={backlog.data ? age(backlog.data.oldestUndeliveredAgeSeconds) : '—'}
            />
          </Col>
        </Row>
      </Card>
      <Card>
        <FilterBar label="筛选派遣记录">
          <FilterSelect
            label="投递状态"
            placeholder="全部状态"
            value={status}
            options={STATUS_LABELS}
            onChange={(value) => {
              setStatus(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </FilterBar>
        <ApiErrorAlert error={replay.error} title="重新发送失败" />
        <ApiErrorAlert error={records.error} title="派遣记录加载失败" />
        <Table
          rowKey="id"
          columns={columns}
          dataSource={records.data?.items ?? []}
          loading={records.isFetching}
          locale={{ emptyText: status === 'DEAD' ? '没有投递失败的记录' : '暂无派遣记录' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: records.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </Flex>
  );
}
