import { Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import {
  formatDateTime,
  label,
  TERMINATION_APPLICANT_LABELS,
  TERMINATION_STATUS_LABELS,
} from '../../shared/labels';
import { useTerminations, type Termination, type TerminationStatus } from './termination-hooks';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';

export const TERMINATION_STATUS_COLORS: Record<string, string> = {
  PENDING: 'processing',
  AGREED: 'success',
  DISAGREED: 'warning',
  WITHDRAWN: 'default',
  CLOSED: 'default',
};

/** 就业派遣 → 解约申请登记表: applications to terminate the counsellor's graduates' agreements, by either party. */
export function TerminationsPage() {
  const [status, setStatus] = useState<TerminationStatus | undefined>('PENDING');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useTerminations(status, paging.page, paging.pageSize);

  const columns: ColumnsType<Termination> = [
    {
      title: '毕业生',
      key: 'name',
      render: (_, t) => <Link to={`/terminations/${t.id}`}>{t.graduate.name}</Link>,
    },
    {
      title: '申请方',
      dataIndex: 'applicant',
      render: (a: string) => (
        <Tag color={a === 'EMPLOYER' ? 'purple' : 'blue'}>
          {label(TERMINATION_APPLICANT_LABELS, a)}
        </Tag>
      ),
    },
    { title: '学号', key: 'studentNo', render: (_, t) => t.graduate.studentNo },
    { title: '班级', key: 'className', render: (_, t) => t.graduate.className ?? '—' },
    { title: '协议编号', dataIndex: 'agreementNo' },
    { title: '用人单位', dataIndex: 'employerName' },
    { title: '解约理由', dataIndex: 'reason', ellipsis: true },
    { title: '材料', key: 'materials', render: (_, t) => `${t.materials.length} 份` },
    { title: '申请时间', dataIndex: 'appliedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={TERMINATION_STATUS_COLORS[s]}>{TERMINATION_STATUS_LABELS[s] ?? s}</Tag>
      ),
    },
    {
      title: '操作',
      key: 'action',
      render: (_, t) => (
        <Link
          to={`/terminations/${t.id}`}
          aria-label={`${t.status === 'PENDING' ? '处理' : '查看'} ${t.graduate.name} 的解约申请`}
        >
          {t.status === 'PENDING' ? '处理' : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="解约申请登记表" />
      <Card>
        <FilterBar label="筛选解约申请">
          <FilterSelect
            label="申请状态"
            placeholder="全部状态"
            value={status}
            options={TERMINATION_STATUS_LABELS}
            onChange={(value) => {
              setStatus(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </FilterBar>
        <ApiErrorAlert error={list.error} title="解约申请加载失败" />
        <Table
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{
            emptyText: status === 'PENDING' ? '暂无待处理的解约申请' : '没有符合条件的解约申请',
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
