import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { Schema } from '@netsign/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../shared/api/client';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime } from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';
import { ReasonDialog } from '../../shared/ui/reason-dialog';

type SourceInfoCorrection = Schema<'SourceInfoCorrection'>;
type Status = SourceInfoCorrection['status'];
const STATUS_LABELS: Record<Status, string> = {
  PENDING: '待审核',
  APPROVED: '已同意',
  REJECTED: '已驳回',
};
const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  gender: '性别',
  major: '专业',
  degree: '学历',
  className: '班级',
  originPlace: '生源地',
};

type Field = keyof SourceInfoCorrection['changes'];

/**
 * 项目 / 当前 / 更正为 for each field the graduate asked to change, changed values highlighted. Once
 * approved the record holds the new value: the middle column is then what the approval replaced.
 */
function ChangesTable({ correction: c }: { correction: SourceInfoCorrection }) {
  const beforeTitle = c.status === 'APPROVED' ? '更正前' : '当前';
  const rows = (Object.keys(c.changes) as Field[]).map((field) => {
    const known = field in c.before;
    const before = c.before[field] ?? null;
    const after = c.changes[field] ?? '';
    return { field, known, before, after, changed: !known || before !== after };
  });
  return (
    <table
      aria-label={`${c.graduateName} 的更正内容`}
      style={{ borderCollapse: 'collapse', tableLayout: 'fixed', width: 320 }}
    >
      {/* The same columns in every row of the list, whatever the values' lengths. */}
      <colgroup>
        <col style={{ width: 64 }} />
        <col style={{ width: 128 }} />
        <col style={{ width: 128 }} />
      </colgroup>
      <thead>
        <tr>
          {['项目', beforeTitle, '更正为'].map((title) => (
            <th
              key={title}
              scope="col"
              style={{ textAlign: 'left', padding: '2px 12px 2px 0', fontWeight: 500 }}
            >
              <Typography.Text type="secondary">{title}</Typography.Text>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.field}>
            <th
              scope="row"
              style={{ textAlign: 'left', padding: '2px 12px 2px 0', fontWeight: 400 }}
            >
              {FIELD_LABELS[r.field] ?? r.field}
            </th>
            <td style={{ padding: '2px 12px 2px 0', overflowWrap: 'anywhere' }}>
              {!r.known ? (
                <Typography.Text type="secondary">未记录</Typography.Text>
              ) : r.before === null || r.before === '' ? (
                <Typography.Text type="secondary">（空）</Typography.Text>
              ) : r.changed ? (
                <Typography.Text delete type="secondary">
                  {r.before}
                </Typography.Text>
              ) : (
                r.before
              )}
            </td>
            <td style={{ padding: '2px 0', overflowWrap: 'anywhere' }}>
              {r.changed ? <Typography.Text mark>{r.after}</Typography.Text> : r.after}
              {!r.changed ? <Typography.Text type="secondary">（未变化）</Typography.Text> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function useCorrections(schoolCode: string, status: Status | undefined) {
  return useQuery({
    queryKey: ['source-info-corrections', schoolCode, status],
    queryFn: () =>
      unwrap(
        api.GET('/api/schools/{schoolCode}/source-info-corrections', {
          params: { path: { schoolCode }, query: status ? { status } : {} },
        }),
      ),
  });
}

function useDecideCorrection(schoolCode: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; decision: 'APPROVE' | 'REJECT'; reason?: string }) =>
      unwrap(
        api.POST('/api/schools/{schoolCode}/source-info-corrections/{id}/decision', {
          params: { path: { schoolCode, id: input.id } },
          body: { decision: input.decision, ...(input.reason ? { reason: input.reason } : {}) },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['source-info-corrections', schoolCode] }),
  });
}

/** 生源信息更正: graduates ask to correct their record; the school admin approves or rejects. */
export function CorrectionsPage() {
  const { claims } = useSession();
  const schoolCode = claims?.schoolCode ?? '';
  const [status, setStatus] = useState<Status | undefined>('PENDING');
  const list = useCorrections(schoolCode, status);
  const decide = useDecideCorrection(schoolCode);
  const [rejecting, setRejecting] = useState<SourceInfoCorrection | null>(null);

  return (
    <>
      <PageHeader title="生源信息更正审核" />
      <Card>
        <FilterBar label="筛选更正申请">
          <FilterSelect
            label="审核状态"
            placeholder="全部状态"
            value={status}
            options={STATUS_LABELS}
            onChange={(value) => setStatus(value)}
          />
        </FilterBar>
        <ApiErrorAlert error={decide.error && !rejecting ? decide.error : null} title="处理失败" />
        <ApiErrorAlert error={list.error} title="更正申请加载失败" />
        <Table<SourceInfoCorrection>
          rowKey="id"
          dataSource={list.data ?? []}
          loading={list.isFetching}
          locale={{ emptyText: status === 'PENDING' ? '暂无待审核的更正申请' : '暂无更正申请' }}
          columns={[
            { title: '学号', dataIndex: 'studentNo' },
            { title: '姓名', dataIndex: 'graduateName' },
            {
              title: '更正内容',
              key: 'changes',
              render: (_, c) => <ChangesTable correction={c} />,
            },
            { title: '理由', dataIndex: 'reason' },
            {
              title: '申请时间',
              dataIndex: 'requestedAt',
              render: (v: string) => formatDateTime(v),
            },
            {
              title: '状态',
              key: 'status',
              render: (_, c) => (
                <Space orientation="vertical" size={0}>
                  <Tag
                    color={
                      c.status === 'PENDING'
                        ? 'processing'
                        : c.status === 'APPROVED'
                          ? 'success'
                          : 'warning'
                    }
                  >
                    {STATUS_LABELS[c.status]}
                  </Tag>
                  {c.decisionReason ? (
                    <Typography.Text type="secondary">{c.decisionReason}</Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: '操作',
              key: 'action',
              render: (_, c) =>
                c.status === 'PENDING' ? (
                  <Space>
                    <Button
                      size="small"
                      type="primary"
                      loading={decide.isPending}
                      onClick={() => decide.mutate({ id: c.id, decision: 'APPROVE' })}
                    >
                      同意更正
                    </Button>
                    <Button size="small" danger onClick={() => setRejecting(c)}>
                      驳回
                    </Button>
                  </Space>
                ) : null,
            },
          ]}
        />
        {rejecting ? (
          <ReasonDialog
            title={`驳回 ${rejecting.graduateName} 的更正申请`}
            okText="确认驳回"
            label="驳回理由"
            requiredMessage="请填写驳回理由"
            errorTitle="驳回失败"
            pending={decide.isPending}
            error={decide.error}
            onClose={() => setRejecting(null)}
            onSubmit={(reason, callbacks) =>
              decide.mutate({ id: rejecting.id, decision: 'REJECT', reason }, callbacks)
            }
          />
        ) : null}
      </Card>
    </>
  );
}
