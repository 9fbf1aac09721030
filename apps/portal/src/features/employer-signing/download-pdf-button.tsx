import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { useDownloadPdf } from './signing-api';

/** 下载协议书 (PDF, three copies): offered once approved; the API's refusal shows beside the button. */
export function DownloadPdfButton({
  agreementId,
  agreementNo,
  status,
}: {
  agreementId: string;
  agreementNo: string;
  status: string;
}) {
  const download = useDownloadPdf();
  if (status !== 'APPROVED') {
    return (
      <Alert
        type="info"
        showIcon
        title={status === 'PENDING_REVIEW' ? '学校审核通过后可下载打印协议书' : '该协议不可打印'}
      />
    );
  }
  const rendering = download.error && (download.error as { status?: number }).status === 202;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        type="primary"
        icon={<DownloadOutlined />}
        loading={download.isPending}
        onClick={() => download.mutate({ agreementId, agreementNo })}
      >
        下载协议书（PDF）
      </Button>
      {rendering ? (
        <Alert type="warning" showIcon role="alert" title="协议书正在生成，请稍后再下载" />
      ) : (
        <ApiErrorAlert error={download.error} title="下载失败" />
      )}
    </Space>
  );
}
