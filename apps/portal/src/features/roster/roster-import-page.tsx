import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { useRosterImport, type RosterRejection } from './roster-hooks';
import { PageHeader } from '../../shared/ui/page-header';

const REJECTION_LABELS: Record<string, string> = {
  MISSING_FIELD: '缺少必填项',
  INVALID_FIELD: '字段无效',
  INVALID_ID_NUMBER: '身份证号无效',
  UNKNOWN_DEPARTMENT: '院系不存在',
  DUPLICATE_IN_FILE: '文件内重复',
};

const COLUMNS = '学号、姓名、性别、身份证号、院系代码、专业、学历、班级、生源地、毕业年份';

/** 生源信息导入: a CSV or XLSX file; rows that cannot be imported are listed with the reason. */
export function RosterImportPage() {
  const { claims } = useSession();
  const schoolCode = claims?.schoolCode ?? '';
  const upload = useRosterImport(schoolCode);
  const result = upload.data;

  return (
    <>
      <PageHeader title="生源信息导入" />
      <Card>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="请上传 CSV 或 XLSX 文件，第一行为表头"
          description={`表头：${COLUMNS}（班级可空）；可另加一列「生源地代码」（6 位行政区划代码，GB/T 2260），填写后生源地以代码对应的名称为准，生源地一列可空。学号已存在的记录将被更新，有错误的行不会导入，其余行照常导入。`}
        />
        <Upload
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
            选择生源文件并导入
          </Button>
        </Upload>
        <div style={{ marginTop: 16 }}>
          <ApiErrorAlert error={upload.error} title="导入失败" />
        </div>
        {result ? (
          <Flex vertical gap={16} style={{ marginTop: 8 }}>
            <Flex gap={48} role="status" aria-label="导入结果">
              <Statistic title="新增" value={result.created} />
              <Statistic title="更新" value={result.updated} />
              <Statistic title="无变化" value={result.unchanged} />
              <Statistic
                title="未导入"
                value={result.rejected.length}
                valueStyle={result.rejected.length ? { color: '#cf1322' } : undefined}
              />
            </Flex>
            {result.rejected.length ? (
              <Table<RosterRejection>
                title={() => (
                  <Typography.Text strong>以下行未导入，请修改后重新上传</Typography.Text>
                )}
                rowKey={(r) => `${r.row}-${r.code}`}
                size="small"
                pagination={result.rejected.length > 20 ? { pageSize: 20 } : false}
                dataSource={result.rejected}
                columns={[
                  {
                    title: '行号',
                    dataIndex: 'row',
                    width: 90,
                    render: (row: number) => `第 ${row} 行`,
                  },
                  {
                    title: '问题',
                    dataIndex: 'code',
                    width: 160,
                    render: (code: string) => (
                      <Tag color="error">{REJECTION_LABELS[code] ?? code}</Tag>
                    ),
                  },
                  { title: '说明', dataIndex: 'message' },
                ]}
              />
            ) : (
              <Alert type="success" showIcon title="全部行已导入" />
            )}
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
