import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import {
  AGREEMENT_STATUS_COLORS,
  AGREEMENT_STATUS_LABELS,
  formatDateTime,
  label,
  SIGNING_METHOD_LABELS,
} from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import { useAgreements, type AgreementView } from './signing-api';

/** 签约管理: the employer's agreements with their status; detail and PDF from each row. */
export function AgreementsPage() {
  const [status, setStatus] = useState<string>('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const agreements = useAgreements({ status, q, page, pageSize: 20 });

  return (
    <>
      <PageHeader
        title="签约管理"
        description="三种方式签订的就业协议：校园招聘、直接签约、扫描二维码名片。"
        extra={
          <Link to="/employer/agreements/new">
            <Button type="primary" icon={<PlusOutlined />}>
              直接签约
            </Button>
          </Link>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Select
            aria-label="协议状态"
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            style={{ width: 220 }}
            options={[
              { value: '', label: '全部状态' },
              ...Object.entries(AGREEMENT_STATUS_LABELS).map(([value, text]) => ({
                value,
                label: text,
              })),
            ]}
          />
          <Input.Search
            aria-label="搜索协议"
            placeholder="协议编号、学号或毕业生姓名"
            allowClear
            enterButton="搜索"
            style={{ maxWidth: 360 }}
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
          />
        </Flex>
        <ApiErrorAlert error={agreements.error} title="加载失败" />
        <Table<AgreementView>
          rowKey="id"
          loading={agreements.isLoading}
          dataSource={agreements.data?.items ?? []}
          locale={{ emptyText: <Empty description="暂无协议" /> }}
          pagination={{
            current: page,
            pageSize: 20,
            total: agreements.data?.total ?? 0,
            onChange: setPage,
            showTotal: (t) => `共 ${t} 份协议`,
          }}
          columns={[
            {
              title: '协议编号',
              dataIndex: 'agreementNo',
              render: (no: string, a) => <Link to={`/employer/agreements/${a.id}`}>{no}</Link>,
            },
            { title: '毕业生', key: 'graduate', render: (_, a) => a.graduate.name },
            { title: '学校', key: 'school', render: (_, a) => a.graduate.schoolName },
            { title: '岗位', key: 'position', render: (_, a) => a.position.title },
            {
              title: '签约方式',
              dataIndex: 'method',
              render: (m: string) => label(SIGNING_METHOD_LABELS, m),
            },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string) => (
                <Tag color={AGREEMENT_STATUS_COLORS[s]}>{label(AGREEMENT_STATUS_LABELS, s)}</Tag>
              ),
            },
            { title: '签约时间', dataIndex: 'signedAt', render: formatDateTime, width: 170 },
            {
              title: '操作',
              key: 'actions',
              render: (_, a) => (
                <Link to={`/employer/agreements/${a.id}`} aria-label={`查看协议 ${a.agreementNo}`}>
                  查看
                </Link>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
