import { REGION_ROWS, REGION_SOURCE_VERSION } from './regions.data.js';

/** A GB/T 2260 administrative division: province, prefecture (city) or county level. */
export interface Region {
  code: string;
  /** The division's own name, e.g. 蜀山区. */
  name: string;
  /** Names from the province down, e.g. 安徽省合肥市蜀山区. */
  fullName: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY';
  /** The enclosing division present in the table (a municipality's districts sit under the province). */
  parentCode: string | null;
}

export { REGION_SOURCE_VERSION };

const levelOf = (code: string): Region['level'] =>
  code.endsWith('0000') ? 'PROVINCE' : code.endsWith('00') ? 'CITY' : 'COUNTY';

let index: Map<string, Region> | undefined;

/** Built on first use: the table is a few thousand rows, parsed once per process. */
function regions(): Map<string, Region> {
  if (index) return index;
  const names = new Map<string, string>();
  for (const row of REGION_ROWS.split('\n')) names.set(row.slice(0, 6), row.slice(6));
  const built = new Map<string, Region>();
  for (const [code, name] of names) {
    const level = levelOf(code);
    const province = `${code.slice(0, 2)}0000`;
    const city = `${code.slice(0, 4)}00`;
    const parentCode =
      level === 'PROVINCE'
        ? null
        : level === 'COUNTY' && names.has(city)
          ? city
          : names.has(province)
            ? province
            : null;
    const chain = [level !== 'PROVINCE' ? province : null, level === 'COUNTY' ? city : null]
      .filter((c): c is string => c !== null && names.has(c))
      .map((c) => names.get(c)!);
    built.set(code, { code, name, fullName: [...chain, name].join(''), level, parentCode });
  }
  index = built;
  return built;
}

export function isRegionCode(code: string): boolean {
  return /^\d{6}$/.test(code) && regions().has(code);
}

export function findRegion(code: string): Region | undefined {
  return regions().get(code);
}

/** Full name of a region (安徽省合肥市蜀山区), undefined for a code not in the table. */
export function regionName(code: string): string | undefined {
  return regions().get(code)?.fullName;
}

export function allRegions(): Region[] {
  return [...regions().values()];
}

/** Provinces with their cities and counties, as a cascading picker wants them. */
export interface RegionNode {
  value: string;
  label: string;
  children?: RegionNode[];
}

export function regionTree(): RegionNode[] {
  const nodes = new Map<string, RegionNode>();
  const roots: RegionNode[] = [];
  for (const r of regions().values()) nodes.set(r.code, { value: r.code, label: r.name });
  for (const r of regions().values()) {
    const node = nodes.get(r.code)!;
    const parent = r.parentCode ? nodes.get(r.parentCode) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return roots;
}

let byFullName: Map<string, string | null> | undefined;

/**
 * The code whose full name (安徽省合肥市) or, failing that, own name is exactly `text`, when only
 * one region has it; for migrating free text. Whitespace is ignored.
 */
export function regionCodeOfName(text: string): string | undefined {
  if (!byFullName) {
    const map = new Map<string, string | null>();
    const add = (key: string, code: string) => map.set(key, map.has(key) ? null : code);
    for (const r of regions().values()) add(r.fullName, r.code);
    const own = new Map<string, string | null>();
    for (const r of regions().values()) own.set(r.name, own.has(r.name) ? null : r.code);
    for (const [name, code] of own) if (!map.has(name)) map.set(name, code);
    byFullName = map;
  }
  return byFullName.get(text.replace(/\s+/g, '')) ?? undefined;
}
