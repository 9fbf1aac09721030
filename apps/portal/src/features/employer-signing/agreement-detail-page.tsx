import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import {
  AGREEMENT_STATUS_COLORS,
  AGREEMENT_STATUS_LABELS,
  formatDateTime,
  label,
  ROLE_ACTOR_LABELS,
  SIGNING_METHOD_LABELS,
  SUPERIOR_AUTHORITY_LABELS,
} from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import { PageLoading } from '../../shared/ui/page-loading';
import { DownloadPdfButton } from './download-pdf-button';
import { useAgreement } from './signing-api';
import { TerminationCard } from './termination-card';

/**
 * One agreement as signed (the frozen snapshot), its status history, once approved its PDF, and
 * 解除协议: the employer's own application to terminate (or the graduate's) and its outcome.
 */
export function AgreementDetailPage() {
  const { agreementId = '' } = useParams();
  const agreement = useAgreement(agreementId);
  const back = (
    <Link to="/employer/agreements">
      <Button icon={<ArrowLeftOutlined />}>返回签约管理</Button>
    </Link>
  );
  if (agreement.isLoading) return <PageLoading />;
  if (!agreement.data) {
    return (
      <>
        <PageHeader title="协议详情" extra={back} />
        <ApiErrorAlert error={agreement.error} title="无法打开协议" />
      </>
    );
  }
  const a = agreement.data;
  const t = a.terms;
  return (
    <>
      <PageHeader title={`协议 ${a.agreementNo}`} extra={back} />
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title="协议内容" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
              <Descriptions.Item label="状态">
                <Tag color={AGREEMENT_STATUS_COLORS[a.status]}>
                  {label(AGREEMENT_STATUS_LABELS, a.status)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label="签约方式">
                {label(SIGNING_METHOD_LABELS, a.method)}
              </Descriptions.Item>
              <Descriptions.Item label="毕业生">{a.graduate.name}</Descriptions.Item>
              <Descriptions.Item label="身份证号">{a.graduate.idNumberMasked}</Descriptions.Item>
              <Descriptions.Item label="学校">{a.graduate.schoolName}</Descriptions.Item>
              <Descriptions.Item label="院系">{a.graduate.departmentName}</Descriptions.Item>
              <Descriptions.Item label="专业">{a.graduate.major}</Descriptions.Item>
              <Descriptions.Item label="学号">{a.graduate.studentNo}</Descriptions.Item>
              <Descriptions.Item label="岗位">{a.position.title}</Descriptions.Item>
              <Descriptions.Item label="工作地点">{t.workLocation}</Descriptions.Item>
              <Descriptions.Item label="月薪">{`${t.monthlySalary} 元`}</Descriptions.Item>
              <Descriptions.Item label="试用期">{`${t.probationMonths} 个月`}</Descriptions.Item>
              <Descriptions.Item label="合同期限">{`${t.contractYears} 年`}</Descriptions.Item>
              <Descriptions.Item label="上级主管部门">
                {label(SUPERIOR_AUTHORITY_LABELS, t.superiorAuthority)}
              </Descriptions.Item>
              <Descriptions.Item label="档案转寄地址">
                {t.archiveTransferAddress || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="户口迁移地址">
                {t.hukouTransferAddress || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="其他约定" span={2}>
                {t.otherTerms || '—'}
              </Descriptions.Item>
              <Descriptions.Item label="签约时间" span={2}>
                {formatDateTime(a.signedAt)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title="协议书打印" style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              一式三份：第一联 用人单位、第二联 毕业生、第三联 学校，每联均带防伪二维码。
            </Typography.Paragraph>
            <DownloadPdfButton agreementId={a.id} agreementNo={a.agreementNo} status={a.status} />
          </Card>
          <Card title="解除协议" style={{ marginBottom: 16 }}>
            <TerminationCard agreementId={a.id} agreementStatus={a.status} />
          </Card>
          <Card title="状态记录">
            <Timeline
              items={a.history.map((h) => ({
                key: `${h.at}-${h.to}`,
                color:
                  AGREEMENT_STATUS_COLORS[h.to] === 'error'
                    ? 'red'
                    : AGREEMENT_STATUS_COLORS[h.to] === 'success'
                      ? 'green'
                      : 'blue',
                children: (
                  <>
                    <div>
                      <strong>{label(AGREEMENT_STATUS_LABELS, h.to)}</strong>
                    </div>
                    <Typography.Text type="secondary">
                      {formatDateTime(h.at)} ·{' '}
                      {h.actor ? label(ROLE_ACTOR_LABELS, h.actor.role) : '系统'}
                    </Typography.Text>
                    {h.reason ? <div>原因：{h.reason}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
