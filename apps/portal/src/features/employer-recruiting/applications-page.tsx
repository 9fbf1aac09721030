import { Button, Card, Descriptions, Empty, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime, label } from '../../shared/labels';
import { PageHeader } from '../../shared/ui/page-header';
import { InviteDialog, ResultDialog } from './interview-dialogs';
import {
  useApplications,
  useInvitations,
  useOffers,
  type ApplicationView,
  type InvitationView,
  type OfferView,
} from './recruiting-api';

const APPLICATION_STATUS: Record<string, string> = {
  SUBMITTED: '待处理',
  INVITED: '已邀请面试',
  CLOSED: '已结束',
};
const INVITATION_STATUS: Record<string, string> = {
  SENT: '待毕业生回复',
  WITHDRAWN: '已撤回',
  ACCEPTED: '毕业生已接受',
  DECLINED: '毕业生已拒绝',
  PASSED: '面试通过',
  FAILED: '面试未通过',
};
const OFFER_STATUS: Record<string, string> = {
  SENT: '待毕业生确认',
  ACCEPTED: '已接受（已签约）',
  DECLINED: '已拒绝',
  EXPIRED: '已过期',
};

/** 简历与面试 (method 1): applications with resumes → interview invitations → results and signing offers. */
export function ApplicationsPage() {
  const [page, setPage] = useState(1);
  const applications = useApplications(undefined, page);
  const invitations = useInvitations();
  const offers = useOffers();
  const [inviting, setInviting] = useState<ApplicationView | null>(null);
  const [deciding, setDeciding] = useState<InvitationView | null>(null);

  return (
    <>
      <PageHeader
        title="简历与面试"
        description="查看毕业生投递的简历，邀请面试，录入面试结果并发出签约通知。"
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'applications',
              label: `收到的简历（${applications.data?.total ?? 0}）`,
              children: (
                <>
                  <ApiErrorAlert error={applications.error} title="加载失败" />
                  <Table<ApplicationView>
                    rowKey="id"
                    loading={applications.isLoading}
                    dataSource={applications.data?.items ?? []}
                    locale={{ emptyText: <Empty description="还没有毕业生投递简历" /> }}
                    pagination={{
                      current: page,
                      pageSize: 20,
                      total: applications.data?.total ?? 0,
                      onChange: setPage,
                    }}
                    expandable={{
                      expandedRowRender: (a) => (
                        <Descriptions column={1} size="small" bordered>
                          <Descriptions.Item label="个人简介">
                            {a.resume.summary || '—'}
                          </Descriptions.Item>
                          <Descriptions.Item label="教育经历">
                            {a.resume.education || '—'}
                          </Descriptions.Item>
                          <Descriptions.Item label="实习与项目">
                            {a.resume.experience || '—'}
                          </Descriptions.Item>
                          <Descriptions.Item label="技能">
                            {a.resume.skills.length
                              ? a.resume.skills.map((s) => <Tag key={s}>{s}</Tag>)
                              : '—'}
                          </Descriptions.Item>
                        </Descriptions>
                      ),
                    }}
                    columns={[
                      {
                        title: '应聘人',
                        key: 'applicant',
                        render: (_, a) =>
                          a.applicant ? (
                            <Flex vertical>
                              <Typography.Text strong>{a.applicant.name}</Typography.Text>
                              <Typography.Text type="secondary">
                                {`${a.applicant.major} · ${a.applicant.degree} · ${a.applicant.graduationYear} 届`}
                              </Typography.Text>
                            </Flex>
                          ) : (
                            '—'
                          ),
                      },
                      {
                        title: '学校',
                        key: 'school',
                        render: (_, a) =>
                          a.applicant ? (
                            <Flex vertical>
                              <span>{a.applicant.schoolName}</span>
                              <Typography.Text type="secondary">
                                {a.applicant.departmentName}
                              </Typography.Text>
                            </Flex>
                          ) : (
                            '—'
                          ),
                      },
                      { title: '应聘岗位', dataIndex: 'positionTitle' },
                      {
                        title: '联系方式',
                        key: 'contact',
                        render: (_, a) => (
                          <Flex vertical style={{ whiteSpace: 'nowrap' }}>
                            <span>{a.resume.phone || '—'}</span>
                            <Typography.Text type="secondary">
                              {a.resume.email || '—'}
                            </Typography.Text>
                          </Flex>
                        ),
                      },
                      {
                        title: '投递时间',
                        dataIndex: 'submittedAt',
                        render: formatDateTime,
                        width: 170,
                      },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        render: (s: string) => label(APPLICATION_STATUS, s),
                      },
                      {
                        title: '操作',
                        key: 'actions',
                        render: (_, a) =>
                          a.status === 'SUBMITTED' ? (
                            <Button type="link" onClick={() => setInviting(a)}>
                              邀请面试
                            </Button>
                          ) : null,
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'invitations',
              label: '面试邀请',
              children: (
                <>
                  <ApiErrorAlert error={invitations.error} title="加载失败" />
                  <Table<InvitationView>
                    rowKey="id"
                    loading={invitations.isLoading}
                    dataSource={invitations.data?.items ?? []}
                    locale={{ emptyText: <Empty description="暂无面试邀请" /> }}
                    columns={[
                      { title: '面试时间', dataIndex: 'at', render: formatDateTime },
                      { title: '地点', dataIndex: 'place' },
                      { title: '备注', dataIndex: 'note', render: (n: string) => n || '—' },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        render: (s: string) => label(INVITATION_STATUS, s),
                      },
                      {
                        title: '操作',
                        key: 'actions',
                        render: (_, i) =>
                          i.status === 'ACCEPTED' ? (
                            <Button type="link" onClick={() => setDeciding(i)}>
                              录入结果
                            </Button>
                          ) : null,
                      },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'offers',
              label: '签约通知',
              children: (
                <>
                  <ApiErrorAlert error={offers.error} title="加载失败" />
                  <Table<OfferView>
                    rowKey="id"
                    loading={offers.isLoading}
                    dataSource={offers.data?.items ?? []}
                    locale={{ emptyText: <Empty description="暂无签约通知" /> }}
                    columns={[
                      { title: '岗位', key: 'position', render: (_, o) => o.position.title },
                      {
                        title: '工作地点',
                        key: 'location',
                        render: (_, o) => o.terms.workLocation,
                      },
                      {
                        title: '月薪（元）',
                        key: 'salary',
                        render: (_, o) => o.terms.monthlySalary,
                      },
                      { title: '发出时间', dataIndex: 'createdAt', render: formatDateTime },
                      {
                        title: '状态',
                        dataIndex: 'status',
                        render: (s: string) => label(OFFER_STATUS, s),
                      },
                    ]}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
      <InviteDialog application={inviting} onClose={() => setInviting(null)} />
      <ResultDialog invitation={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
