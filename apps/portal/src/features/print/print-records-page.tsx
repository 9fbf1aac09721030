import { Alert, Button, Card, Popconfirm, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { errorMessage } from '../../shared/api/api-failure';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { AGREEMENT_STATUS_LABELS, formatDateTime, STAFF_ROLE_LABELS } from '../../shared/labels';
import {
  fetchAgreementPdf,
  useInvalidatePrintRecords,
  usePrintRecords,
  useRerender,
  type AwaitedRender,
  type PrintRecord,
  type PrintStatus,
} from './print-hooks';
import { PageHeader } from '../../shared/ui/page-header';
import { FilterBar, FilterSelect } from '../../shared/ui/filter-bar';

const PRINT_STATUS_LABELS: Record<PrintStatus, string> = {
  QUEUED: '正在生成',
  READY: '可打印',
  FAILED: '生成失败',
};
const PRINT_STATUS_COLORS: Record<PrintStatus, string> = {
  QUEUED: 'processing',
  READY: 'success',
  FAILED: 'error',
};

function actionLabel(action: string): string {
  const [verb, version] = action.split(' ');
  const v = version?.replace('v', '');
  switch (verb) {
    case 'QUEUED':
      return '审核通过，进入打印队列';
    case 'RENDERED':
      return `生成 PDF（第 ${v} 版）`;
    case 'RERENDER':
      return `申请重新生成（第 ${v} 版）`;
    case 'DOWNLOADED':
      return '下载 PDF';
    default:
      return action;
  }
}

/** 协议书打印管理: approved agreements print as three copies (employer, graduate, school). */
export function PrintRecordsPage() {
  const { claims } = useSession();
  const mayRerender = claims?.role === 'SCHOOL_ADMIN' || claims?.role === 'PROVINCE_ADMIN';
  const [status, setStatus] = useState<PrintStatus | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [awaited, setAwaited] = useState<AwaitedRender | null>(null);
  const records = usePrintRecords(status, paging.page, paging.pageSize, awaited);
  const rerender = useRerender();
  const refresh = useInvalidatePrintRecords();
  const [notice, setNotice] = useState<{ type: 'info' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const open = async (record: PrintRecord, mode: 'download' | 'print') => {
    setBusy(record.agreementId);
    setNotice(null);
    try {
      const pdf = await fetchAgreementPdf(record.agreementId);
      if (!pdf) {
        setNotice({ type: 'info', text: `${record.graduateName} 的协议书正在生成，请稍后再试` });
        return;
      }
      const url = URL.createObjectURL(
        pdf.type ? pdf : new Blob([pdf], { type: 'application/pdf' }),
      );
      if (mode === 'print') {
        window.open(url, '_blank', 'noopener');
      } else {
        const a = document.createElement('a');
        a.href = url;
        a.download = `就业协议书-${record.agreementNo}.pdf`;
        a.click();
      }
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      await refresh();
    } catch (err) {
      setNotice({ type: 'error', text: `${record.graduateName}：${errorMessage(err)}` });
    } finally {
      setBusy(null);
    }
  };

  const columns: ColumnsType<PrintRecord> = [
    { title: '协议编号', dataIndex: 'agreementNo' },
    { title: '毕业生', dataIndex: 'graduateName' },
    { title: '用人单位', dataIndex: 'employerName' },
    { title: '院系', dataIndex: 'departmentName' },
    {
      title: '协议状态',
      dataIndex: 'agreementStatus',
      render: (s: string) => (
        <Tag color={s === 'TERMINATED' ? 'default' : 'blue'}>{AGREEMENT_STATUS_LABELS[s] ?? s}</Tag>
      ),
    },
    {
      title: 'PDF',
      key: 'status',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={PRINT_STATUS_COLORS[r.status]}>{PRINT_STATUS_LABELS[r.status]}</Tag>
          <Typography.Text type="secondary">
            第 {r.renderVersion} 版 · {formatDateTime(r.renderedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space wrap size={4}>
          <Button
            size="small"
            type="primary"
            disabled={r.status !== 'READY'}
            loading={busy === r.agreementId}
            onClick={() => void open(r, 'print')}
            aria-label={`打印 ${r.graduateName} 的协议书`}
          >
            打印
          </Button>
          <Button
            size="small"
            disabled={r.status !== 'READY'}
            onClick={() => void open(r, 'download')}
            aria-label={`下载 ${r.graduateName} 的协议书`}
          >
            下载
          </Button>
          {mayRerender ? (
            <Popconfirm
              title="重新生成该协议书？"
              description="将生成新版本的 PDF，原有防伪二维码仍可核验。"
              okText="重新生成"
              cancelText="取消"
              onConfirm={() =>
                rerender.mutate(r.agreementId, {
                  onSuccess: ({ renderVersion }) =>
                    setAwaited({
                      agreementId: r.agreementId,
                      renderVersion,
                      until: Date.now() + 120_000,
                    }),
                })
              }
            >
              <Button size="small" aria-label={`重新生成 ${r.graduateName} 的协议书`}>
                重新生成
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="协议书打印管理" />
      <Card>
        <Typography.Paragraph type="secondary">
          审核通过的协议书自动进入本列表。每份协议书默认打印 3
          联（用人单位、毕业生、学校），每联均带防伪二维码，打印后由各方盖章签字生效。
        </Typography.Paragraph>
        <FilterBar label="筛选打印记录">
          <FilterSelect
            label="生成状态"
            placeholder="全部"
            value={status}
            options={PRINT_STATUS_LABELS}
            onChange={(value) => {
              setStatus(value);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
          />
        </FilterBar>
        {notice ? (
          <Alert
            type={notice.type}
            showIcon
            role={notice.type === 'error' ? 'alert' : 'status'}
            title={notice.text}
            style={{ marginBottom: 16 }}
            closable={{ onClose: () => setNotice(null) }}
          />
        ) : null}
        <ApiErrorAlert error={rerender.error} title="重新生成失败" />
        <ApiErrorAlert error={records.error} title="打印记录加载失败" />
        <Table
          rowKey="agreementId"
          columns={columns}
          dataSource={records.data?.items ?? []}
          loading={records.isFetching && !records.data}
          locale={{ emptyText: '暂无审核通过的协议书' }}
          expandable={{
            expandedRowRender: (r) => (
              <div>
                <Typography.Text strong>打印记录</Typography.Text>
                <Timeline
                  style={{ marginTop: 12 }}
                  items={r.history.map((h) => ({
                    content: `${formatDateTime(h.at)}　${actionLabel(h.action)}${h.actor ? `（${STAFF_ROLE_LABELS[h.actor.role] ?? (h.actor.role === 'EMPLOYER' ? '用人单位' : h.actor.role === 'PROVINCE_ADMIN' ? '省厅管理员' : h.actor.role)}）` : ''}`,
                  }))}
                />
              </div>
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: records.data?.total ?? 0,
            showTotal: (total) => `共 ${total} 份`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
