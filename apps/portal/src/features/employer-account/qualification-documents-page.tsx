import { LoadingOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Modal,
  Popconfirm,
  Progress,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { FilePreview } from '../../shared/file-preview';
import { formatDateTime } from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import {
  loadOwnQualificationDocument,
  QUALIFICATION_KIND_LABELS,
  QUALIFICATION_KINDS,
  useDeleteQualificationDocument,
  useQualificationDocuments,
  useUploadQualificationDocument,
  type QualificationDocument,
  type QualificationKind,
} from './employer-api';

const MAX_BYTES = 10 * 1024 * 1024;

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** 资质证明材料: what reviewers read beside agreements signed by methods 1 and 2. */
export function QualificationDocumentsPage() {
  const { message } = App.useApp();
  const documents = useQualificationDocuments();
  const upload = useUploadQualificationDocument();
  const [kind, setKind] = useState<QualificationKind>('BUSINESS_LICENSE');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [viewing, setViewing] = useState<QualificationDocument | null>(null);
  const remove = useDeleteQualificationDocument();
  const kindLabel = (d: QualificationDocument) => QUALIFICATION_KIND_LABELS[d.kind] ?? d.kind;

  const confirmDelete = (d: QualificationDocument) =>
    remove.mutateAsync(d).then(
      () => void message.success(`已删除：${d.fileName}`),
      () => undefined, // shown above the list (remove.error)
    );

  const choose = (chosen: File) => {
    upload.reset();
    setProgress(null);
    if (chosen.size > MAX_BYTES) {
      setLocalError('文件不能超过 10 MB');
      setFile(null);
    } else {
      setLocalError(null);
      setFile(chosen);
    }
    return false; // keep the file here; it is sent with 上传
  };

  const send = () => {
    if (!file) return;
    setProgress(0);
    upload.mutate(
      { file, kind, onProgress: setProgress },
      {
        onSuccess: (doc) => {
          void message.success(`已上传：${doc.fileName}`);
          setFile(null);
          setProgress(100);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="资质证明材料"
        description="学校审核通过校园招聘或直接签约的协议时，将对照这些材料核验单位资质。"
      />
      <Card title="上传材料" style={{ marginBottom: 16 }}>
        <Form layout="vertical">
          <Flex gap={16} wrap align="end">
            <Form.Item label="材料类型" style={{ minWidth: 220, marginBottom: 0 }}>
              <Select
                aria-label="材料类型"
                value={kind}
                onChange={setKind}
                options={QUALIFICATION_KINDS.map((k) => ({
                  value: k,
                  label: QUALIFICATION_KIND_LABELS[k],
                }))}
              />
            </Form.Item>
            <Form.Item label="文件（PDF、JPG 或 PNG，不超过 10 MB）" style={{ marginBottom: 0 }}>
              <Upload
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                beforeUpload={choose}
                showUploadList={false}
                maxCount={1}
              >
                <Button icon={<UploadOutlined />}>选择文件</Button>
              </Upload>
            </Form.Item>
            <Typography.Text style={{ lineHeight: '32px' }}>
              {file ? `${file.name}（${formatSize(file.size)}）` : '未选择文件'}
            </Typography.Text>
            {/*
              Not antd's `loading`: after an upload it leaves its collapsed loading icon (aria-label
              "loading") inside the button, whose accessible name then reads "loading 上传". The
              icon is rendered only while uploading, and hidden from assistive technology (the
              progress bar below says how far the upload is).
            */}
            <Button
              type="primary"
              onClick={send}
              disabled={!file || upload.isPending}
              icon={upload.isPending ? <LoadingOutlined aria-hidden /> : undefined}
            >
              上传
            </Button>
          </Flex>
        </Form>
        {progress !== null ? (
          <Progress
            percent={progress}
            status={upload.isError ? 'exception' : upload.isPending ? 'active' : 'normal'}
            style={{ marginTop: 16 }}
            aria-label="上传进度"
          />
        ) : null}
        <div style={{ marginTop: 16 }}>
          {localError ? <Alert type="error" showIcon role="alert" title={localError} /> : null}
          <ApiErrorAlert error={upload.error} title="上传失败" />
        </div>
      </Card>
      <Card title="已上传的材料">
        <ApiErrorAlert error={documents.error} title="加载失败" />
        <ApiErrorAlert
          error={remove.error}
          title={remove.variables ? `删除失败：${remove.variables.fileName}` : '删除失败'}
        />
        <Table<QualificationDocument>
          rowKey="id"
          loading={documents.isLoading}
          dataSource={documents.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description="还没有上传资质证明材料" /> }}
          columns={[
            {
              title: '材料类型',
              dataIndex: 'kind',
              render: (k: QualificationKind) => QUALIFICATION_KIND_LABELS[k] ?? k,
            },
            { title: '文件名', dataIndex: 'fileName' },
            { title: '大小', dataIndex: 'size', render: formatSize },
            { title: '上传时间', dataIndex: 'uploadedAt', render: formatDateTime },
            {
              title: '操作',
              key: 'actions',
              render: (_, d) => (
                <Space size={4}>
                  <Button
                    size="small"
                    onClick={() => setViewing(d)}
                    aria-label={`查看 ${d.fileName}`}
                  >
                    查看
                  </Button>
                  <Popconfirm
                    title={`删除「${d.fileName}」？`}
                    description="删除后学校审核人员将无法再查看该材料。"
                    okText="删除"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() => confirmDelete(d)}
                  >
                    <Button
                      size="small"
                      danger
                      loading={remove.isPending && remove.variables?.id === d.id}
                      aria-label={`删除 ${d.fileName}`}
                    >
                      删除
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Modal
        open={viewing !== null}
        title="查看资质证明材料"
        onCancel={() => setViewing(null)}
        footer={null}
        width={880}
        destroyOnHidden
      >
        {viewing ? (
          <FilePreview
            file={viewing}
            label={kindLabel(viewing)}
            load={() => loadOwnQualificationDocument(viewing.id)}
            height={560}
          />
        ) : null}
      </Modal>
    </>
  );
}
