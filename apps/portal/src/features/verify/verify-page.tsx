import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Card, Descriptions, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiFailure, errorMessage } from '../../shared/api/api-failure';
import { COPY_LABELS, formatDateTime, label } from '../../shared/labels';
import { MobileLayout } from '../../shared/layout/mobile-layout';
import { PageLoading } from '../../shared/ui/page-loading';
import { STATUS_WORDS, Verdict } from './verdict';
import { useVerification, type VerificationResult } from './verify-api';

/**
 * /verify/{token}: what the QR code on every printed copy opens on a phone. Says whether the copy
 * is genuine (真实有效) or cannot be verified (无法核验), which copy it is, and the agreement's
 * status now (已解除 after a termination); names masked. Links to /verify for a PDF file.
 */
export function VerifyPage() {
  const { token = '' } = useParams();
  const verification = useVerification(token);
  return (
    <MobileLayout title="就业协议书核验">
      {verification.isLoading ? (
        <PageLoading tip="正在核验…" />
      ) : verification.data ? (
        <Genuine result={verification.data} />
      ) : (
        <Invalid error={verification.error} />
      )}
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16 }}>
        收到的是 PDF 文件？
        <Link to="/verify" style={{ textDecoration: 'underline' }}>
          核验电子协议书
        </Link>
      </Typography.Paragraph>
    </MobileLayout>
  );
}

function Genuine({ result }: { result: VerificationResult }) {
  const inForce = result.agreementStatus === 'APPROVED';
  return (
    <Card>
      {inForce ? (
        <Verdict
          icon={<CheckCircleFilled />}
          color="#389e0d"
          title="真实有效"
          text="此协议书由网签平台签发，内容未被篡改，协议当前有效。"
        />
      ) : (
        <Verdict
          icon={<WarningFilled />}
          color="#d46b08"
          title={`协议${label(STATUS_WORDS, result.agreementStatus)}`}
          text="此协议书由网签平台签发，但协议当前已不再有效，请勿作为就业凭证使用。"
        />
      )}
      <Descriptions column={1} bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="协议编号">{result.agreementNo}</Descriptions.Item>
        <Descriptions.Item label="联次">{label(COPY_LABELS, result.copy)}</Descriptions.Item>
        <Descriptions.Item label="协议状态">
          {label(STATUS_WORDS, result.agreementStatus)}
        </Descriptions.Item>
        <Descriptions.Item label="用人单位">{result.employerName}</Descriptions.Item>
        <Descriptions.Item label="毕业生">{result.graduateNameMasked}</Descriptions.Item>
        <Descriptions.Item label="打印时间">{formatDateTime(result.issuedAt)}</Descriptions.Item>
      </Descriptions>
      {!result.current ? (
        <Typography.Paragraph type="warning" style={{ marginTop: 12, marginBottom: 0 }}>
          该协议书已重新生成，请以最新打印的版本为准。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

function Invalid({ error }: { error: unknown }) {
  const invalid =
    error instanceof ApiFailure &&
    (error.code === 'VERIFICATION_INVALID' || error.status === 404 || error.status === 400);
  return (
    <Card>
      <Verdict
        icon={<CloseCircleFilled />}
        color="#cf1322"
        title="无法核验"
        text={
          invalid
            ? '此二维码不是网签平台签发的协议书，或内容已被篡改。请向学校就业部门核实。'
            : errorMessage(error)
        }
      />
    </Card>
  );
}
