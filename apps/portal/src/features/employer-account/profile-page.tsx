import { Card, Descriptions, Tag } from 'antd';
import { useSession } from '../../shared/auth/session';
import { PageHeader } from '../../shared/ui/page-header';
import { PageLoading } from '../../shared/ui/page-loading';

/** A name with its standard code (docs/standard-codes.md) when there is one. */
const withCode = (name: string, code?: string | null) => (code ? `${name}（${code}）` : name);

/** 单位信息: what the platform knows of the employer (snapshotted into each agreement at signing). */
export function ProfilePage() {
  const { me } = useSession();
  const employer = me?.employer;
  return (
    <>
      <PageHeader title="单位信息" description="签约时，这些信息会写入协议书。" />
      <Card>
        {!employer ? (
          <PageLoading />
        ) : (
          <Descriptions column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label="单位名称">{employer.name}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{employer.creditCode}</Descriptions.Item>
            <Descriptions.Item label="用人自主权">
              {employer.hasHiringAutonomy ? (
                <Tag color="success">有用人自主权</Tag>
              ) : (
                <Tag color="warning">无用人自主权（签约须注明上级主管部门）</Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="单位性质">
              {withCode(employer.nature, employer.natureCode)}
            </Descriptions.Item>
            <Descriptions.Item label="所属行业">
              {withCode(employer.industry, employer.industryCode)}
            </Descriptions.Item>
            <Descriptions.Item label="所在地区">
              {employer.regionName ? withCode(employer.regionName, employer.regionCode) : '未填写'}
            </Descriptions.Item>
            <Descriptions.Item label="单位地址">{employer.address}</Descriptions.Item>
            <Descriptions.Item label="联系人">{employer.contactName}</Descriptions.Item>
            <Descriptions.Item label="联系电话">{employer.contactPhone}</Descriptions.Item>
            <Descriptions.Item label="登录账号">{me?.username ?? '—'}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
    </>
  );
}
