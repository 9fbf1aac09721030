#!/usr/bin/env node
// `npm run capacity -- --graduates=12700000`: sizes a deployment for a number of graduates from
// the latest benchmark figures (reports/bench/{signing,print,dispatch}.json, written by
// `npm run bench:*`), falling back to the figures documented in docs/capacity.md for any bench
// that has not run here. The model and its assumptions are explained in docs/capacity.md.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Figures of shared/MEASURED.md ("The platform itself", 2 cores, one run each). */
export const DOCUMENTED_FIGURES = {
  signing: {
    source: 'documented (MEASURED.md, bench:signing)',
    // CPU milliseconds per signing, per process, with the load generator on the same 2 cores.
    cpuMsPerSigning: {
      postgres: 6.51,
      signing: 2.23,
      identity: 1.54,
      gateway: 1.25,
      recruiting: 0.34,
    },
  },
  print: { source: 'documented (MEASURED.md, bench:print)', agreementsPerSecond: 5.13, cores: 2 },
  dispatch: { source: 'documented (MEASURED.md, bench:dispatch)', recordsPerSecond: 1348 },
};

/** A province's spring peak (MEASURED.md, "Scale"): the load scales with graduates from here. */
export const REFERENCE = { graduates: 500_000, peakSigningsPerSecond: 15, peakPdfsPerSecond: 3 };

export const ASSUMPTIONS = {
  /** Capacity planned per unit of peak load: components run at most half busy at the peak. */
  headroom: 2,
  /** Replicas of every Node service, whatever the load: one may be down or being replaced. */
  minReplicas: 2,
  /** A Node process uses one core (one event loop); more load means more replicas. */
  coresPerReplica: 1,
  /**
   * Review and dispatch-sync are not in bench:signing's default run: decision 0003 measured
   * ~1.2 ms per signing for the two together (BENCH_SERVICES=all); split evenly here.
   */
  unmeasuredCpuMsPerSigning: { review: 0.6, 'dispatch-sync': 0.6 },
  /** Every approval (and the rare termination) becomes one dispatch record. */
  dispatchRecordsPerSigning: 1,
  /** Events a signing causes over its life: signed (2 rows), review decision, print, dispatch. */
  eventsPerSigning: 5,
  /** JetStream publishes per second with a bounded async window (MEASURED.md), one stream leader. */
  jetstreamMessagesPerSecond: 10_500,
  /** Three nodes: a stream with three replicas survives the loss of one. */
  natsNodes: 3,
  /** Postgres: least cores for the primary (and each of its two replicas). */
  minPostgresCores: 2,
};

/** Reads reports/bench/<name>.json where a bench wrote it; the documented figure otherwise. */
export function loadFigures(dir = 'reports/bench') {
  const read = (name) => {
    const file = join(dir, `${name}.json`);
    if (!existsSync(file)) return null;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    return {
      ...report.figures,
      source: `measured ${report.measuredAt} (${file}, load average ${report.loadAverage})`,
    };
  };
  return {
    signing: read('signing') ?? DOCUMENTED_FIGURES.signing,
    print: read('print') ?? DOCUMENTED_FIGURES.print,
    dispatch: read('dispatch') ?? DOCUMENTED_FIGURES.dispatch,
  };
}

const ceil = (x) => Math.ceil(x - 1e-9);

/** The sizing for `graduates` from `figures` (pure arithmetic; docs/capacity.md explains it). */
export function capacityModel(figures, { graduates, assumptions = ASSUMPTIONS } = {}) {
  const a = assumptions;
  const scale = graduates / REFERENCE.graduates;
  const signingsPerSecond = REFERENCE.peakSigningsPerSecond * scale;
  const pdfsPerSecond = REFERENCE.peakPdfsPerSecond * scale;
  const dispatchRecordsPerSecond = signingsPerSecond * a.dispatchRecordsPerSigning;

  const cpuMs = { ...a.unmeasuredCpuMsPerSigning, ...figures.signing.cpuMsPerSigning };
  const rows = [];
  const service = (name, busyCores, extra = {}) => {
    const replicas = Math.max(
      a.minReplicas,
      ceil((busyCores * a.headroom) / a.coresPerReplica),
      extra.replicas ?? 0,
    );
    // Not measured per signing (printing's API): no saturation point claimed.
    const saturatesAt =
      busyCores > 0 ? signingsPerSecond * ((replicas * a.coresPerReplica) / busyCores) : null;
    rows.push({
      component: name,
      unit: 'replicas',
      count: replicas,
      busyCores: busyCores > 0 ? busyCores : null,
      saturatesAt,
      ...(extra.note && { note: extra.note }),
    });
  };
  for (const name of ['gateway', 'identity', 'recruiting', 'signing', 'review']) {
    service(name, (signingsPerSecond * (cpuMs[name] ?? 0)) / 1000);
  }
  service('printing (api)', 0, {
    note: "not measured per signing; answers PDF downloads and verifications, rendering is the workers'",
  });
  const dispatchByRate = ceil(
    (dispatchRecordsPerSecond * a.headroom) / figures.dispatch.recordsPerSecond,
  );
  service('dispatch-sync', (signingsPerSecond * cpuMs['dispatch-sync']) / 1000, {
    replicas: dispatchByRate,
  });

  const pdfsPerCore = figures.print.agreementsPerSecond / figures.print.cores;
  const printWorkers = Math.max(1, ceil((pdfsPerSecond * a.headroom) / pdfsPerCore));
  rows.push({
    component: 'print-worker',
    unit: 'workers (1 core each; KEDA max)',
    count: printWorkers,
    busyCores: pdfsPerSecond / pdfsPerCore,
    saturatesAt: signingsPerSecond * ((printWorkers * pdfsPerCore) / pdfsPerSecond),
  });

  const postgresBusy = (signingsPerSecond * cpuMs.postgres) / 1000;
  const postgresCores = Math.max(a.minPostgresCores, ceil(postgresBusy * a.headroom));
  rows.push({
    component: 'postgres (primary)',
    unit: 'cores (+2 replicas alike)',
    count: postgresCores,
    busyCores: postgresBusy,
    saturatesAt: signingsPerSecond * (postgresCores / postgresBusy),
    note: 'one writer: grows only by a larger machine',
  });

  const messagesPerSecond = signingsPerSecond * a.eventsPerSigning;
  rows.push({
    component: 'nats',
    unit: 'nodes (JetStream, 3 replicas)',
    count: a.natsNodes,
    busyCores: null,
    saturatesAt: signingsPerSecond * (a.jetstreamMessagesPerSecond / messagesPerSecond),
    note: `${messagesPerSecond.toFixed(0)} events/s of ${a.jetstreamMessagesPerSecond} per stream leader`,
  });

  const measured = rows.filter((r) => r.saturatesAt !== null);
  const first = measured.reduce((min, r) => (r.saturatesAt < min.saturatesAt ? r : min));
  const postgres = rows.find((r) => r.component === 'postgres (primary)');
  return {
    graduates,
    peak: { signingsPerSecond, pdfsPerSecond, dispatchRecordsPerSecond },
    pdfsPerCore,
    rows,
    /** At the planned size: the component with the least room above the peak. */
    saturatesFirst: first.component,
    /** The one that cannot scale out: signings/s one Postgres core carries. */
    postgresSigningsPerCore: 1000 / cpuMs.postgres,
    sources: {
      signing: figures.signing.source,
      print: figures.print.source,
      dispatch: figures.dispatch.source,
    },
  };
}

export function formatCapacity(model) {
  const fmt = (x, d = 2) => (x === null ? '-' : x.toFixed(d));
  const lines = [
    `Capacity for ${model.graduates.toLocaleString('en')} graduates: peak ${fmt(model.peak.signingsPerSecond, 1)} signings/s, ` +
      `${fmt(model.peak.pdfsPerSecond, 1)} PDFs/s, ${fmt(model.peak.dispatchRecordsPerSecond, 1)} dispatch records/s ` +
      `(headroom ×${ASSUMPTIONS.headroom})`,
    '',
    '| component | unit | count | busy cores at peak | saturates at (signings/s) | note |',
    '|---|---|---|---|---|---|',
    ...model.rows.map(
      (r) =>
        `| ${r.component} | ${r.unit} | ${r.count} | ${fmt(r.busyCores)} | ${r.saturatesAt === null ? '-' : r.saturatesAt.toFixed(0)} | ${r.note ?? ''} |`,
    ),
    '',
    `Saturates first at this size: ${model.saturatesFirst} (the least room above the peak).`,
    `The limit that does not scale out: the Postgres primary, ${model.postgresSigningsPerCore.toFixed(0)} signings/s per core at the measured mix.`,
    `Figures: signing — ${model.sources.signing}; print — ${model.sources.print} (${fmt(model.pdfsPerCore)} PDFs/s per core); dispatch — ${model.sources.dispatch}.`,
  ];
  return lines.join('\n');
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const arg = process.argv.find((a) => a.startsWith('--graduates='));
  const graduates = arg ? Number(arg.split('=')[1]) : REFERENCE.graduates;
  if (!Number.isFinite(graduates) || graduates <= 0) {
    console.error('usage: npm run capacity -- --graduates=12700000');
    process.exit(1);
  }
  const figures = loadFigures();
  for (const [name, f] of Object.entries(figures)) {
    if (f.source.startsWith('documented'))
      console.log(
        `note: no reports/bench/${name}.json here (run npm run bench:${name}); using the documented figure`,
      );
  }
  console.log(formatCapacity(capacityModel(figures, { graduates })));
}
