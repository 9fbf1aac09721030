import { describe, expect, it } from '@jest/globals';
import {
  capacityModel,
  DOCUMENTED_FIGURES,
  formatCapacity,
  type BenchFigures,
} from '../../scripts/capacity.mjs';

/** The arithmetic of docs/capacity.md on fixed inputs (npm run capacity prints the same table). */
const fixed: BenchFigures = {
  signing: {
    source: 'fixed',
    cpuMsPerSigning: { postgres: 5, signing: 2, identity: 1, gateway: 1, recruiting: 0.5 },
  },
  print: { source: 'fixed', agreementsPerSecond: 5, cores: 2 },
  dispatch: { source: 'fixed', recordsPerSecond: 1000 },
};
const row = (model: ReturnType<typeof capacityModel>, component: string) =>
  model.rows.find((r) => r.component === component)!;

describe('capacity model', () => {
  it('scales the province reference (0.5 M graduates: 15 signings/s, 3 PDFs/s) linearly', () => {
    const province = capacityModel(fixed, { graduates: 500_000 });
    expect(province.peak).toEqual({
      signingsPerSecond: 15,
      pdfsPerSecond: 3,
      dispatchRecordsPerSecond: 15,
    });
    const country = capacityModel(fixed, { graduates: 10_000_000 });
    expect(country.peak).toEqual({
      signingsPerSecond: 300,
      pdfsPerSecond: 60,
      dispatchRecordsPerSecond: 300,
    });
  });

  it('sizes each component with ×2 headroom, two replicas at least', () => {
    const country = capacityModel(fixed, { graduates: 10_000_000 });
    // signing: 300/s × 2 ms = 0.6 cores busy → 1.2 with headroom → 2 replicas of one core.
    expect(row(country, 'signing')).toMatchObject({ count: 2, busyCores: 0.6, saturatesAt: 1000 });
    // recruiting: 0.15 cores → the minimum of two.
    expect(row(country, 'recruiting').count).toBe(2);
    // print: 2.5 PDFs/s per core; 60 PDFs/s × 2 / 2.5 = 48 workers.
    expect(row(country, 'print-worker')).toMatchObject({
      count: 48,
      busyCores: 24,
      saturatesAt: 600,
    });
    // postgres: 300 × 5 ms = 1.5 cores → 3 cores; saturates at 600 signings/s.
    expect(row(country, 'postgres (primary)')).toMatchObject({
      count: 3,
      busyCores: 1.5,
      saturatesAt: 600,
    });
    // dispatch: 300 records/s × 2 / 1000 per process → 1, so the minimum of two.
    expect(row(country, 'dispatch-sync').count).toBe(2);
    expect(row(country, 'nats').count).toBe(3);
    expect(country.postgresSigningsPerCore).toBe(200);
  });

  it('names the component with the least room above the peak', () => {
    const province = capacityModel(fixed, { graduates: 500_000 });
    // 3 PDFs/s × 2 / 2.5 = 2.4 → 3 workers, 7.5 PDFs/s = 2.5× the peak: less room than anything else.
    expect(row(province, 'print-worker')).toMatchObject({ count: 3, saturatesAt: 37.5 });
    expect(province.saturatesFirst).toBe('print-worker');
    const country = capacityModel(fixed, { graduates: 10_000_000 });
    // 48 workers carry 600 signings/s' PDFs, 3 Postgres cores 600 signings/s: the first one found wins a tie.
    expect(country.saturatesFirst).toBe('print-worker');
    const slowerPostgres = capacityModel(
      {
        ...fixed,
        signing: {
          ...fixed.signing,
          cpuMsPerSigning: { ...fixed.signing.cpuMsPerSigning, postgres: 5.5 },
        },
      },
      { graduates: 10_000_000 },
    );
    // 300 × 5.5 ms = 1.65 cores → 4 cores: room up to 727/s, so print workers still go first…
    expect(slowerPostgres.saturatesFirst).toBe('print-worker');
    const fasterPrint = capacityModel(
      { ...fixed, print: { ...fixed.print, agreementsPerSecond: 6.4 } },
      { graduates: 10_000_000 },
    );
    // …until rendering gets faster: 3.2 PDFs/s per core → 38 workers, 608/s; Postgres' 600/s is first.
    expect(fasterPrint.saturatesFirst).toBe('postgres (primary)');
  });

  it('prints a table naming where its figures come from', () => {
    const text = formatCapacity(capacityModel(DOCUMENTED_FIGURES, { graduates: 12_700_000 }));
    expect(text).toMatch(/12,700,000 graduates: peak 381\.0 signings\/s, 76\.2 PDFs\/s/);
    expect(text).toMatch(/\| print-worker \| workers \(1 core each; KEDA max\) \| 60 \|/);
    expect(text).toMatch(/documented \(MEASURED\.md, bench:signing\)/);
  });
});
