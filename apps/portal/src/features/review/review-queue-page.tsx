import { Card, Checkbox, Flex, Input, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime, METHOD_LABELS, REVIEW_STATUS_LABELS } from '../../shared/labels';
import { useSchoolDepartments } from '../../shared/school-departments';
import { useReviewTasks, type ReviewFilters, type ReviewTask } from './review-hooks';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';

/** 网络签约管理: the agreements awaiting the school's review, with filters and the overdue flag. */
export function ReviewQueuePage() {
  const { claims } = useSession();
  const isSchoolAdmin = claims?.role === 'SCHOOL_ADMIN';
  const departments = useSchoolDepartments(isSchoolAdmin ? claims?.schoolCode : undefined);
  const [filters, setFilters] = useState<ReviewFilters>({
    status: 'PENDING',
    page: 1,
    pageSize: 20,
  });
  const tasks = useReviewTasks(filters);
  const change = (patch: Partial<ReviewFilters>) =>
    setFilters((f) => ({ ...f, ...patch, page: 1 }));

  const columns: ColumnsType<ReviewTask> = [
    { title: '协议编号', dataIndex: 'agreementNo', width: 170 },
    {
      title: '毕业生',
      key: 'graduate',
      render: (_, t) => <Link to={`/review/${t.id}`}>{t.graduate.name}</Link>,
    },
    { title: '学号', key: 'studentNo', render: (_, t) => t.graduate.studentNo },
    { title: '院系', key: 'department', render: (_, t) => t.graduate.departmentName },
    { title: '用人单位', key: 'employer', render: (_, t) => t.employer.name },
    { title: '签约方式', dataIndex: 'method', render: (m: string) => METHOD_LABELS[m] ?? m },
    { title: '提交时间', dataIndex: 'submittedAt', render: (v: string) => formatDateTime(v) },
    {
      title: '状态',
      key: 'status',
      render: (_, t) => (
        <Flex gap={4} wrap>
          <Tag
            color={
              t.status === 'PENDING'
                ? 'processing'
                : t.status === 'APPROVED'
                  ? 'success'
                  : 'default'
            }
          >
            {REVIEW_STATUS_LABELS[t.status] ?? t.status}
          </Tag>
          {t.overdue ? <Tag color="error">已超期</Tag> : null}
        </Flex>
      ),
    },
    {
      title: '操作',
      key: 'action',
      render: (_, t) => (
        <Link
          to={`/review/${t.id}`}
          aria-label={`${t.status === 'PENDING' ? '审核' : '查看'} ${t.graduate.name}`}
        >
          {t.status === 'PENDING' ? '审核' : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="网络签约管理" />
      <Card>
        <FilterBar label="筛选审核任务">
          <Input.Search
            aria-label="搜索"
            placeholder="姓名、学号、协议编号或单位名称"
            allowClear
            style={{ width: 300 }}
            onSearch={(q) => change({ q: q.trim() || undefined })}
          />
          <FilterSelect
            label="审核状态"
            placeholder="全部状态"
            value={filters.status}
            options={REVIEW_STATUS_LABELS}
            onChange={(status) => change({ status })}
          />
          <FilterSelect
            label="签约方式"
            width={180}
            placeholder="全部签约方式"
            value={filters.method}
            options={METHOD_LABELS}
            onChange={(method) => change({ method })}
          />
          {isSchoolAdmin ? (
            <FilterSelect
              label="院系"
              width={180}
              placeholder="全部院系"
              value={filters.departmentCode}
              loading={departments.isLoading}
              options={(departments.data ?? []).map((d) => ({ value: d.code, label: d.name }))}
              onChange={(departmentCode) => change({ departmentCode })}
            />
          ) : null}
          <Checkbox
            checked={filters.overdue === true}
            onChange={(e) => change({ overdue: e.target.checked ? true : undefined })}
          >
            只看超期
          </Checkbox>
        </FilterBar>
        <ApiErrorAlert error={tasks.error} title="审核任务加载失败" />
        <Table
          rowKey="id"
          columns={columns}
          dataSource={tasks.data?.items ?? []}
          loading={tasks.isFetching}
          locale={{
            emptyText: filters.status === 'PENDING' ? '暂无待审核的协议' : '没有符合条件的审核任务',
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: tasks.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
