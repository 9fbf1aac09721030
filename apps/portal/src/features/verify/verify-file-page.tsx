import {
  CheckCircleFilled,
  CloseCircleFilled,
  UploadOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../shared/api/api-failure';
import { COPY_LABELS, formatDateTime, label } from '../../shared/labels';
import { MobileLayout } from '../../shared/layout/mobile-layout';
import { STATUS_WORDS, Verdict } from './verdict';
import { useFileVerification, type PdfFileVerificationResult } from './verify-api';

const MAX_BYTES = 10 * 1024 * 1024;

/** What the embedded platform signature says, in words. */
const SIGNATURE_WORDS: Record<string, string> = {
  VALID: '平台签名完好，文件自签发后未被改动',
  MODIFIED: '平台签名已失效：文件在签发后被改动过',
  UNRECOGNISED: '文件中的签名不是网签平台的签名',
  ABSENT: '文件中没有平台签名',
};

/**
 * /verify: a PDF of an agreement received by e-mail or downloaded is checked here — byte for byte a
 * file the platform issued, and whether its embedded signature is intact. Nothing is stored.
 */
export function VerifyFilePage() {
  const verify = useFileVerification();
  const [tooLarge, setTooLarge] = useState(false);
  const [fileName, setFileName] = useState<string | null>(null);

  const choose = (file: File) => {
    setFileName(file.name);
    setTooLarge(file.size > MAX_BYTES);
    if (file.size <= MAX_BYTES) verify.mutate(file);
    return false; // no automatic upload: the mutation sends it
  };

  return (
    <MobileLayout title="电子协议书核验">
      <Card>
        <Typography.Paragraph>
          收到就业协议书的 PDF
          文件（例如通过电子邮件）时，可在此核验它是否为网签平台签发的原件、是否被改动过。文件只用于核验，不会保存。
        </Typography.Paragraph>
        <Upload
          accept="application/pdf,.pdf"
          maxCount={1}
          showUploadList={false}
          beforeUpload={choose}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={verify.isPending}>
            选择 PDF 文件核验
          </Button>
        </Upload>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          仅支持 PDF，不超过 10 MB。{fileName ? `已选择：${fileName}` : ''}
        </Typography.Paragraph>
        {tooLarge ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="文件超过 10 MB，不是平台签发的协议书文件"
          />
        ) : null}
        {verify.error ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title="核验失败"
            description={errorMessage(verify.error)}
          />
        ) : null}
      </Card>
      {verify.data && !tooLarge ? <FileVerdict result={verify.data} /> : null}
    </MobileLayout>
  );
}

function FileVerdict({ result }: { result: PdfFileVerificationResult }) {
  if (!result.genuine) {
    return (
      <Card style={{ marginTop: 16 }} role="status">
        <Verdict
          icon={<CloseCircleFilled />}
          color="#cf1322"
          title="无法核验"
          text="此文件不是网签平台签发的协议书，或在签发后被改动过。请向学校就业部门核实。"
        />
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {label(SIGNATURE_WORDS, result.signature)}
        </Typography.Paragraph>
      </Card>
    );
  }
  const inForce = result.agreementStatus === 'APPROVED';
  return (
    <Card style={{ marginTop: 16 }} role="status">
      {inForce ? (
        <Verdict
          icon={<CheckCircleFilled />}
          color="#389e0d"
          title="真实有效"
          text="此文件与网签平台签发的协议书逐字节一致，协议当前有效。"
        />
      ) : (
        <Verdict
          icon={<WarningFilled />}
          color="#d46b08"
          title={`协议${label(STATUS_WORDS, result.agreementStatus)}`}
          text="此文件由网签平台签发，但协议当前已不再有效，请勿作为就业凭证使用。"
        />
      )}
      <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="协议编号">{result.agreementNo}</Descriptions.Item>
        <Descriptions.Item label="协议状态">
          {label(STATUS_WORDS, result.agreementStatus)}
        </Descriptions.Item>
        <Descriptions.Item label="用人单位">{result.employerName}</Descriptions.Item>
        <Descriptions.Item label="毕业生">{result.graduateNameMasked}</Descriptions.Item>
        <Descriptions.Item label="所含联次">
          {result.copies.map((c) => label(COPY_LABELS, c)).join('、')}
        </Descriptions.Item>
        <Descriptions.Item label="生成版本">
          第 {result.renderVersion} 版
          {result.current ? '（最新）' : '（已重新生成，请以最新版本为准）'}
        </Descriptions.Item>
        <Descriptions.Item label="签发时间">{formatDateTime(result.issuedAt)}</Descriptions.Item>
        <Descriptions.Item label="平台签名">
          {label(SIGNATURE_WORDS, result.signature)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
