import { Descriptions, Tag } from 'antd';
import type { Schema } from '@netsign/api-client';

type AgreementContent = Pick<Schema<'Agreement'>, 'graduate' | 'employer' | 'position' | 'terms'>;
import { SUPERIOR_AUTHORITY_LABELS } from './labels';

/**
 * The agreement as it was frozen at signing: graduate, employer, position and terms. Used where a
 * reviewer or counsellor must read the original agreement (review, termination).
 */
export function AgreementDescriptions({
  agreement,
  column = 2,
}: {
  agreement: AgreementContent;
  column?: number;
}) {
  const { graduate: g, employer: e, position: p, terms: t } = agreement;
  return (
    <>
      <Descriptions
        title="毕业生信息"
        bordered
        size="small"
        column={column}
        style={{ marginBottom: 16 }}
      >
        <Descriptions.Item label="姓名">{g.name}</Descriptions.Item>
        <Descriptions.Item label="学号">{g.studentNo}</Descriptions.Item>
        <Descriptions.Item label="性别">{g.gender}</Descriptions.Item>
        <Descriptions.Item label="身份证号">{g.idNumberMasked}</Descriptions.Item>
        <Descriptions.Item label="学校">{g.schoolName}</Descriptions.Item>
        <Descriptions.Item label="院系">{g.departmentName}</Descriptions.Item>
        <Descriptions.Item label="专业">{g.major}</Descriptions.Item>
        <Descriptions.Item label="学历">{g.degree}</Descriptions.Item>
        <Descriptions.Item label="班级">{g.className ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="生源地">{g.originPlace}</Descriptions.Item>
        <Descriptions.Item label="毕业年份">{g.graduationYear}</Descriptions.Item>
        <Descriptions.Item label="生源信息">
          {g.sourceInfoConfirmed ? (
            <Tag color="success">已确认</Tag>
          ) : (
            <Tag color="warning">未确认</Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions
        title="用人单位"
        bordered
        size="small"
        column={column}
        style={{ marginBottom: 16 }}
      >
        <Descriptions.Item label="单位名称" span={column}>
          {e.name}
        </Descriptions.Item>
        <Descriptions.Item label="统一社会信用代码">{e.creditCode}</Descriptions.Item>
        <Descriptions.Item label="单位性质">{e.nature}</Descriptions.Item>
        <Descriptions.Item label="所属行业">{e.industry}</Descriptions.Item>
        <Descriptions.Item label="用人自主权">
          {e.hasHiringAutonomy ? '有' : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="单位地址" span={column}>
          {e.address}
        </Descriptions.Item>
        <Descriptions.Item label="联系人">{e.contactName}</Descriptions.Item>
        <Descriptions.Item label="联系电话">{e.contactPhone}</Descriptions.Item>
      </Descriptions>
      <Descriptions title="岗位与协议条款" bordered size="small" column={column}>
        <Descriptions.Item label="岗位">{p.title}</Descriptions.Item>
        <Descriptions.Item label="岗位地点">{p.location}</Descriptions.Item>
        <Descriptions.Item label="工作地点">{t.workLocation}</Descriptions.Item>
        <Descriptions.Item label="月薪（元）">{t.monthlySalary}</Descriptions.Item>
        <Descriptions.Item label="试用期">{t.probationMonths} 个月</Descriptions.Item>
        <Descriptions.Item label="合同期限">{t.contractYears} 年</Descriptions.Item>
        <Descriptions.Item label="档案转寄地址" span={column}>
          {t.archiveTransferAddress || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="户口迁移地址" span={column}>
          {t.hukouTransferAddress || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="上级主管部门" span={column}>
          {t.superiorAuthority
            ? SUPERIOR_AUTHORITY_LABELS[t.superiorAuthority]
            : '—（单位有用人自主权）'}
        </Descriptions.Item>
        <Descriptions.Item label="其他约定" span={column}>
          {t.otherTerms || '—'}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
