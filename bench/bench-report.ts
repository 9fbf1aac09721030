import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * Writes a bench's figures to reports/bench/<name>.json, where `npm run capacity` reads the
 * latest of them (scripts/capacity.mjs), so the capacity model moves when the code gets faster.
 */
export function writeBenchFigures(name: string, figures: Record<string, unknown>): string {
  const file = `reports/bench/${name}.json`;
  mkdirSync('reports/bench', { recursive: true });
  const report = {
    bench: name,
    measuredAt: new Date().toISOString(),
    cores: availableParallelism(),
    loadAverage: loadavg()
      .map((l) => Number(l.toFixed(1)))
      .join(' '),
    figures,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`figures written to ${file}`);
  return file;
}
