import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The WeChat build of the mini-program (`npm run build:mini-program` → dist/apps/mini-program/weapp),
 * checked as WeChat DevTools would load it: every page app.json lists is there with its .js, .wxml
 * and .json; no script asks for a Node built-in (WeChat has none); the main package stays under
 * WeChat's 2 MB limit, without the GB/T 2260 region table (选择生源地's subpackage carries it).
 */
const root = join(process.cwd(), 'dist/apps/mini-program/weapp');
const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  subpackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

const built = existsSync(join(root, 'app.json'));
const app: AppJson = built
  ? (JSON.parse(readFileSync(join(root, 'app.json'), 'utf8')) as AppJson)
  : { pages: [] };
const subPackages = app.subPackages ?? app.subpackages ?? [];

describe('mini-program weapp build', () => {
  it('exists (npm run build:mini-program)', () => {
    expect(built).toBe(true);
  });

  it('lists the graduate pages, and every page has its .js, .wxml and .json', () => {
    const pages = [
      ...app.pages,
      ...subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`)),
    ];
    expect(pages).toEqual(
      expect.arrayContaining([
        'pages/login/index',
        'pages/source-info/index',
        'pages/qr-card/index',
        'pages/agreements/index',
        'pages/termination/index',
      ]),
    );
    const missing = pages.flatMap((page) =>
      ['.js', '.wxml', '.json']
        .filter((ext) => !existsSync(join(root, page + ext)))
        .map((ext) => page + ext),
    );
    expect(missing).toEqual([]);
    for (const tab of app.tabBar?.list ?? []) expect(pages).toContain(tab.pagePath);
  });

  it('has project.config.json with an appid (WECHAT_APPID / TARO_APP_ID at build)', () => {
    const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as {
      appid?: string;
    };
    expect(project.appid).toMatch(/^\S+$/);
  });

  it('asks for no Node built-in in any script', () => {
    const names = builtinModules
      .filter((m) => !m.startsWith('_'))
      .map((m) => m.replace(/[/\\^$*+?.()|[\]{}]/g, '\\$&'));
    const pattern = new RegExp(
      `(?:require\\(|from\\s*|import\\()\\s*["'](?:node:)?(?:${names.join('|')})(?:/[^"']*)?["']`,
    );
    const offenders = files(root)
      .filter((f) => f.endsWith('.js'))
      .filter((f) => pattern.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('keeps the main package under 2 MB', () => {
    const inSub = (f: string) =>
      subPackages.some((p) => relative(root, f).startsWith(`${p.root}/`));
    const mainFiles = files(root).filter(
      (f) =>
        !inSub(f) &&
        !f.endsWith('.map') &&
        !f.endsWith('.LICENSE.txt') &&
        !f.endsWith('project.config.json'),
    );
    const bytes = mainFiles.reduce((n, f) => n + statSync(f).size, 0);
    console.log(
      `mini-program weapp main package: ${(bytes / 1024).toFixed(1)} KiB in ${mainFiles.length} files (limit 2048 KiB)`,
    );
    expect(bytes).toBeLessThan(MAIN_PACKAGE_LIMIT);
  });

  it('keeps the region table out of the main package, in the region picker subpackage', () => {
    // A row of the table as built (肥西县, its Chinese escaped or not).
    const row = /340123(?:\\u80a5|肥)/;
    const scripts = files(root).filter((f) => f.endsWith('.js'));
    const holding = scripts
      .filter((f) => row.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(holding.length).toBeGreaterThan(0);
    expect(holding.every((f) => f.startsWith('subpackages/region-picker/'))).toBe(true);
  });
});
