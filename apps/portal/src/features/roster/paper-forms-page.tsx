import { Card, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime } from '../../shared/labels';
import { usePaperForms, type PaperForm } from './roster-hooks';
import { PageHeader } from '../../shared/ui/page-header';

const STATUS_LABELS: Record<string, string> = {
  ISSUED: '已发放（学生持有）',
  COLLECTED: '已收回（已网签）',
  VOIDED: '已作废',
};
const STATUS_COLORS: Record<string, string> = {
  ISSUED: 'processing',
  COLLECTED: 'success',
  VOIDED: 'default',
};

/** 纸质协议书: forms issued, collected when the graduate signs online, voided by re-issue. */
export function PaperFormsPage() {
  const { claims } = useSession();
  const schoolCode = claims?.schoolCode ?? '';
  const [filters, setFilters] = useState<{
    status?: PaperForm['status'];
    page: number;
    pageSize: number;
  }>({ page: 1, pageSize: 20 });
  const forms = usePaperForms(schoolCode, filters);
  return (
    <>
      <PageHeader title="纸质协议书" />
      <Card>
        <Typography.Paragraph type="secondary">
          网上签约完成的学生，其此前领取的纸质协议书自动标记为“已收回”，请辅导员收回原件，确保每人只持有一份协议书；补发须在毕业生名单中办理。
        </Typography.Paragraph>
        <Flex gap={12} style={{ marginBottom: 16 }}>
          <Select
            aria-label="协议书状态"
            style={{ width: 220 }}
            allowClear
            placeholder="全部状态"
            value={filters.status}
            options={Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label }))}
            onChange={(status?: PaperForm['status']) =>
              setFilters((f) => ({ ...f, status, page: 1 }))
            }
          />
        </Flex>
        <ApiErrorAlert error={forms.error} title="协议书记录加载失败" />
        <Table<PaperForm>
          rowKey="id"
          dataSource={forms.data?.items ?? []}
          loading={forms.isFetching}
          locale={{ emptyText: '暂无纸质协议书记录' }}
          columns={[
            { title: '协议书编号', dataIndex: 'formNo' },
            { title: '学号', dataIndex: 'studentNo' },
            { title: '姓名', dataIndex: 'graduateName' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => <Tag color={STATUS_COLORS[s]}>{STATUS_LABELS[s] ?? s}</Tag>,
            },
            { title: '发放时间', dataIndex: 'issuedAt', render: (v: string) => formatDateTime(v) },
            {
              title: '补发原因',
              dataIndex: 'reissueReason',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: '收回时间',
              dataIndex: 'collectedAt',
              render: (v: string | null) => formatDateTime(v),
            },
          ]}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: forms.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 份`,
            onChange: (page, pageSize) => setFilters((f) => ({ ...f, page, pageSize })),
          }}
        />
      </Card>
    </>
  );
}
