import { Button, Card, Descriptions, Form, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { AgreementTerms, SignResult } from '@netsign/contracts';
import { RoleGuard } from '../../shared/auth/role-guard';
import { useSession } from '../../shared/auth/session';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { applyFieldErrors } from '../../shared/errors/form-errors';
import { AGREEMENT_STATUS_LABELS, label } from '../../shared/labels';
import { MobileLayout } from '../../shared/layout/mobile-layout';
import { PageLoading } from '../../shared/ui/page-loading';
import { usePositions } from '../employer-recruiting/recruiting-api';
import { TERMS_FIELD_MAP, TermsFields, toTerms } from '../employer-signing/terms-fields';
import { useQrCard, useSignQrCard } from './qr-signing-api';

interface FormValues {
  positionId: string;
  terms: AgreementTerms;
}

/**
 * /qr/{token}: method 3 on the employer's phone. Signed out → login, then back here; then check the
 * graduate (ID masked), fill in the terms, choose the position, confirm.
 */
export function QrSigningPage() {
  return (
    <MobileLayout title="扫码签约">
      <RoleGuard roles={['EMPLOYER']}>
        <QrSigning />
      </RoleGuard>
    </MobileLayout>
  );
}

function QrSigning() {
  const { token = '' } = useParams();
  const { claims, me } = useSession();
  const card = useQrCard(token, true);
  const positions = usePositions(claims?.employerId, 1, 100);
  const sign = useSignQrCard(token);
  const [form] = Form.useForm<FormValues>();
  const [signed, setSigned] = useState<SignResult | null>(null);

  if (card.isLoading) return <PageLoading tip="正在读取毕业生信息…" />;
  if (!card.data) {
    return (
      <Card>
        <ApiErrorAlert error={card.error} title="无法打开二维码名片" />
        <Typography.Paragraph>
          请让毕业生在小程序「我的 → 二维码名片」重新生成后再扫码。
        </Typography.Paragraph>
      </Card>
    );
  }
  if (signed) {
    return (
      <Card>
        <Result
          status="success"
          title={label(AGREEMENT_STATUS_LABELS, signed.status)}
          subTitle={`协议编号 ${signed.agreementNo}，学校审核通过后可打印。`}
        />
      </Card>
    );
  }
  const g = card.data.graduate;
  const onFinish = (values: FormValues) =>
    sign.mutate(
      { positionId: values.positionId, terms: toTerms(values.terms) },
      {
        onSuccess: setSigned,
        onError: (error) =>
          applyFieldErrors(form, error, { ...TERMS_FIELD_MAP, positionId: ['positionId'] }),
      },
    );

  return (
    <>
      <Card title="核对毕业生信息" style={{ marginBottom: 12 }}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="姓名">{g.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号">{g.idNumberMasked}</Descriptions.Item>
          <Descriptions.Item label="学校">{g.schoolName}</Descriptions.Item>
          <Descriptions.Item label="院系">{g.departmentName}</Descriptions.Item>
          <Descriptions.Item label="专业">{g.major}</Descriptions.Item>
          <Descriptions.Item label="学历">{g.degree}</Descriptions.Item>
          <Descriptions.Item label="毕业年份">{g.graduationYear}</Descriptions.Item>
        </Descriptions>
        {!card.data.available ? (
          <Typography.Paragraph type="danger" style={{ marginTop: 12, marginBottom: 0 }}>
            该毕业生已有有效协议或已登记就业，需先解约或由学校解除锁定后才能签约。
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={sign.isPending || !card.data.available}
      >
        <Card title="签约岗位与条款" style={{ marginBottom: 12 }}>
          <ApiErrorAlert error={positions.error} title="岗位加载失败" />
          <Form.Item
            label="岗位"
            name="positionId"
            rules={[{ required: true, message: '请选择签约岗位' }]}
          >
            <Select
              placeholder={positions.data?.items.length === 0 ? '请先在电脑端发布岗位' : '请选择'}
              loading={positions.isLoading}
              options={(positions.data?.items ?? []).map((p) => ({
                value: p.id,
                label: `${p.title}（${p.location}）`,
              }))}
            />
          </Form.Item>
          <TermsFields hasHiringAutonomy={me?.employer?.hasHiringAutonomy} />
        </Card>
        <ApiErrorAlert error={sign.error} title="签约失败" />
        <Button type="primary" htmlType="submit" block size="large" loading={sign.isPending}>
          确认签约
        </Button>
      </Form>
    </>
  );
}
