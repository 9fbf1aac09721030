export interface BenchFigures {
  signing: { source: string; cpuMsPerSigning: Record<string, number> };
  print: { source: string; agreementsPerSecond: number; cores: number };
  dispatch: { source: string; recordsPerSecond: number };
}
export interface CapacityRow {
  component: string;
  unit: string;
  count: number;
  busyCores: number | null;
  saturatesAt: number | null;
  note?: string;
}
export interface CapacityModel {
  graduates: number;
  peak: { signingsPerSecond: number; pdfsPerSecond: number; dispatchRecordsPerSecond: number };
  pdfsPerCore: number;
  rows: CapacityRow[];
  saturatesFirst: string;
  postgresSigningsPerCore: number;
  sources: { signing: string; print: string; dispatch: string };
}
export declare const DOCUMENTED_FIGURES: BenchFigures;
export declare const REFERENCE: {
  graduates: number;
  peakSigningsPerSecond: number;
  peakPdfsPerSecond: number;
};
export declare const ASSUMPTIONS: Record<string, unknown> & {
  headroom: number;
  minReplicas: number;
};
export declare function loadFigures(dir?: string): BenchFigures;
export declare function capacityModel(
  figures: BenchFigures,
  options: { graduates: number; assumptions?: typeof ASSUMPTIONS },
): CapacityModel;
export declare function formatCapacity(model: CapacityModel): string;
