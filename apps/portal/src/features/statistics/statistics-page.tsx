import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Row,
  Skeleton,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useSession } from '../../shared/auth/session';
import { EChart, type ChartOption } from '../../shared/echart';
import { ApiErrorAlert } from '../../shared/errors/api-error-alert';
import { formatDateTime, METHOD_LABELS } from '../../shared/labels';
import {
  lastDays,
  useOnlineSigningStatistics,
  useSnapshots,
  useTakeSnapshot,
  type DepartmentStatistics,
  type SchoolStatistics,
} from './statistics-hooks';

type SigningCounts = Pick<DepartmentStatistics, 'graduates' | 'signedOnline' | 'signedOffline'>;
import { PageHeader } from '../../shared/ui/page-header';

const TREND_DAYS = 14;
const METHODS = ['RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD'] as const;

export function formatShare(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

function sum(schools: SigningCounts[]): {
  graduates: number;
  online: number;
  offline: number;
  byMethod: Record<(typeof METHODS)[number], number>;
} {
  const total = {
    graduates: 0,
    online: 0,
    offline: 0,
    byMethod: { RECRUITING: 0, EMPLOYER_DIRECT: 0, QR_CARD: 0 },
  };
  for (const s of schools) {
    total.graduates += s.graduates;
    total.online += s.signedOnline.total;
    total.offline += s.signedOffline;
    for (const m of METHODS) total.byMethod[m] += s.signedOnline[m];
  }
  return total;
}

const shareOf = (online: number, offline: number) =>
  online + offline === 0 ? null : online / (online + offline);

type Row = (SchoolStatistics | DepartmentStatistics) & {
  key: string;
  name: string;
  children?: Row[];
};

/** 网签统计: online-signing share per school (and department), per method, and its trend. */
export function StatisticsPage() {
  const { claims } = useSession();
  const isProvince = claims?.role === 'PROVINCE_ADMIN';
  const stats = useOnlineSigningStatistics(isProvince ? undefined : claims?.schoolCode);
  const days = useMemo(() => lastDays(TREND_DAYS), []);
  const snapshots = useSnapshots(days, isProvince ? undefined : claims?.schoolCode);
  const take = useTakeSnapshot();

  const schools = useMemo(() => stats.data?.schools ?? [], [stats.data]);
  const totals = useMemo(() => sum(schools), [schools]);

  const shareChart = useMemo<ChartOption>(() => {
    const ranked = [...schools]
      .sort((a, b) => (b.onlineShare ?? -1) - (a.onlineShare ?? -1))
      .slice(0, 30);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      grid: { left: 48, right: 16, top: 24, bottom: 90 },
      xAxis: {
        type: 'category',
        data: ranked.map((s) => s.schoolName),
        axisLabel: { rotate: 30, interval: 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: '网签占比',
          data: ranked.map((s) =>
            s.onlineShare === null ? 0 : Math.round(s.onlineShare * 1000) / 10,
          ),
          itemStyle: { color: '#1677ff' },
          barMaxWidth: 40,
        },
      ],
    };
  }, [schools]);

  const methodChart = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['40%', '68%'],
          name: '签约方式',
          data: [
            ...METHODS.map((m) => ({ name: METHOD_LABELS[m], value: totals.byMethod[m] })),
            { name: '线下签约', value: totals.offline },
          ],
        },
      ],
    }),
    [totals],
  );

  const trend = snapshots.map((q, i) => {
    const snap = q.data;
    if (!snap)
      return { day: days[i]!, share: null as number | null, online: null as number | null };
    const t = sum(snap.schools);
    const share = shareOf(t.online, t.offline);
    return {
      day: days[i]!,
      share: share === null ? null : Math.round(share * 1000) / 10,
      online: t.online,
    };
  });
  const hasTrend = trend.some((p) => p.online !== null);
  const trendChart: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 48, right: 48, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: trend.map((p) => p.day.slice(5)) },
    yAxis: [
      { type: 'value', name: '网签人数' },
      { type: 'value', name: '占比', max: 100, axisLabel: { formatter: '{value}%' } },
    ],
    series: [
      {
        type: 'bar',
        name: '网上签约人数',
        data: trend.map((p) => p.online),
        itemStyle: { color: '#91caff' },
      },
      {
        type: 'line',
        name: '网签占比',
        yAxisIndex: 1,
        connectNulls: true,
        data: trend.map((p) => p.share),
        itemStyle: { color: '#1677ff' },
      },
    ],
  };

  const rows: Row[] = schools.map((s) => ({
    ...s,
    key: s.schoolCode,
    name: s.schoolName,
    children: s.departments.length
      ? s.departments.map((d) => ({
          ...d,
          key: `${s.schoolCode}/${d.departmentCode}`,
          name: d.departmentName,
        }))
      : undefined,
  }));
  const columns: ColumnsType<Row> = [
    { title: isProvince ? '学校 / 院系' : '院系', dataIndex: 'name', fixed: 'left', width: 240 },
    {
      title: '毕业生',
      dataIndex: 'graduates',
      align: 'right',
      sorter: (a, b) => a.graduates - b.graduates,
    },
    {
      title: '网上签约',
      key: 'online',
      align: 'right',
      render: (_, r) => r.signedOnline.total,
      sorter: (a, b) => a.signedOnline.total - b.signedOnline.total,
    },
    ...METHODS.map((m) => ({
      title: METHOD_LABELS[m],
      key: m,
      align: 'right' as const,
      render: (_: unknown, r: Row) => r.signedOnline[m],
    })),
    { title: '线下签约', dataIndex: 'signedOffline', align: 'right' },
    { title: '解约', dataIndex: 'terminations', align: 'right' },
    {
      title: '网签占比',
      dataIndex: 'onlineShare',
      align: 'right',
      defaultSortOrder: undefined,
      sorter: (a, b) => (a.onlineShare ?? -1) - (b.onlineShare ?? -1),
      render: (v: number | null) => <Typography.Text strong>{formatShare(v)}</Typography.Text>,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title="网签统计"
        description={stats.data ? `数据截至 ${formatDateTime(stats.data.asOf)}` : undefined}
      />
      <Card>
        <ApiErrorAlert error={stats.error} title="统计数据加载失败" />
        {stats.isLoading ? (
          <Skeleton active />
        ) : (
          <Row gutter={16}>
            {isProvince ? (
              <Col span={4}>
                <Statistic title="学校" value={schools.length} suffix="所" />
              </Col>
            ) : null}
            <Col span={5}>
              <Statistic title="毕业生" value={totals.graduates} suffix="人" />
            </Col>
            <Col span={5}>
              <Statistic title="网上签约" value={totals.online} suffix="人" />
            </Col>
            <Col span={5}>
              <Statistic title="线下签约" value={totals.offline} suffix="人" />
            </Col>
            <Col span={5}>
              <Statistic
                title={isProvince ? '全省网签占比' : '本校网签占比'}
                value={formatShare(shareOf(totals.online, totals.offline))}
              />
            </Col>
          </Row>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          网签占比 = 网上签约人数 ÷（网上签约人数 +
          线下签约人数）。网上签约含待审核与已审核通过的协议。
        </Typography.Paragraph>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card title={isProvince ? '各校网签占比' : '本校网签占比'}>
            {schools.length ? (
              <EChart option={shareChart} label="各校网签占比柱状图" />
            ) : (
              <Empty description="暂无学校数据" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="签约方式分布">
            {totals.online + totals.offline ? (
              <EChart option={methodChart} label="签约方式分布饼图" />
            ) : (
              <Empty description="暂无签约" />
            )}
          </Card>
        </Col>
      </Row>
      <Card
        title={`近 ${TREND_DAYS} 天趋势（每日快照）`}
        extra={
          isProvince ? (
            <Button onClick={() => take.mutate()} loading={take.isPending}>
              生成今日快照
            </Button>
          ) : null
        }
      >
        <ApiErrorAlert error={take.error} title="生成快照失败" />
        {take.data ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              take.data.taken ? `已生成 ${take.data.day} 的快照` : `${take.data.day} 的快照已存在`
            }
          />
        ) : null}
        {hasTrend ? (
          <EChart option={trendChart} label="网上签约人数与网签占比的每日趋势" height={280} />
        ) : (
          <Empty description="暂无每日快照（每天自动生成）" />
        )}
      </Card>
      <Card title={isProvince ? '各校明细' : '各院系明细'}>
        <Table<Row>
          rowKey="key"
          size="middle"
          columns={columns}
          dataSource={isProvince ? rows : (rows[0]?.children ?? [])}
          loading={stats.isFetching && !stats.data}
          scroll={{ x: 1100 }}
          locale={{ emptyText: '暂无数据' }}
          pagination={isProvince ? { pageSize: 20, showTotal: (t) => `共 ${t} 所学校` } : false}
        />
      </Card>
    </Flex>
  );
}
