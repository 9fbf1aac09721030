import { FilePdfOutlined, FileImageOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';

/** A stored file as the API describes it (qualification document, termination material). */
export interface PreviewableFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

interface Props {
  file: PreviewableFile;
  /** Label above the file, e.g. 营业执照. */
  label?: string;
  /** Fetches the bytes with the caller's token (files are not public). */
  load: () => Promise<Blob>;
  height?: number;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Shows an uploaded file inside the page: an image as an image, a PDF in the browser's viewer,
 * with a download link either way. The bytes come through the API (a blob URL), never a public URL.
 */
export function FilePreview({ file, label, load, height = 420 }: Props) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let revoked = false;
    let objectUrl: string | null = null;
    load()
      .then((blob) => {
        if (revoked) return;
        objectUrl = URL.createObjectURL(
          blob.type ? blob : new Blob([blob], { type: file.contentType }),
        );
        setUrl(objectUrl);
      })
      .catch((err: unknown) => {
        if (!revoked) setError(err instanceof Error ? err.message : '文件加载失败');
      });
    return () => {
      revoked = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
    // The file id names the bytes; `load` is a new closure on every render.
  }, [file.id]);

  const isImage = file.contentType.startsWith('image/');
  const title = (
    <Flex gap={8} align="center">
      {isImage ? <FileImageOutlined aria-hidden /> : <FilePdfOutlined aria-hidden />}
      <span>{label ? `${label}：${file.fileName}` : file.fileName}</span>
      <Typography.Text type="secondary">（{formatSize(file.size)}）</Typography.Text>
    </Flex>
  );
  return (
    <Card
      size="small"
      title={title}
      extra={
        url ? (
          <Button type="link" href={url} download={file.fileName}>
            下载
          </Button>
        ) : null
      }
    >
      {error ? (
        <Alert type="error" showIcon title={`无法加载 ${file.fileName}：${error}`} />
      ) : !url ? (
        <Flex justify="center" style={{ padding: 24 }}>
          <Spin description="正在加载文件…" />
        </Flex>
      ) : isImage ? (
        <img
          src={url}
          alt={label ? `${label}：${file.fileName}` : file.fileName}
          style={{ maxWidth: '100%', maxHeight: height, display: 'block', margin: '0 auto' }}
        />
      ) : (
        <iframe
          src={url}
          title={label ? `${label}：${file.fileName}` : file.fileName}
          style={{ width: '100%', height, border: '1px solid #f0f0f0' }}
        />
      )}
    </Card>
  );
}
