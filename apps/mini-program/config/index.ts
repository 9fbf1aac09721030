import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

/**
 * One codebase, two builds: `--type weapp` (the WeChat mini-program) and `--type h5` (the same
 * pages as a phone web app, served by the gateway at /m/). Both write under the repo's dist/.
 */
const repoRoot = path.resolve(__dirname, '../../..');
const apiClient = path.join(repoRoot, 'libs/api-client/src/index.ts');
const standardCodes = path.join(repoRoot, 'libs/standard-codes/src');

interface Rule {
  include: { add(p: string): Rule['include']; end(): Rule };
  resolve: { set(key: string, value: unknown): unknown };
}

/**
 * The shared API client and the standard code tables live outside this package: compile them like
 * our own sources. The tables are ESM with NodeNext imports (`./regions.data.js` names a .ts file).
 * Only the region picker's subpackage imports `@netsign/standard-codes/regions`.
 */
function compileSharedLibs(chain: { module: { rule(name: string): Rule } }): void {
  chain.module
    .rule('script')
    .include.add(path.join(repoRoot, 'libs/api-client/src'))
    .add(standardCodes);
  chain.module
    .rule('standard-codes-imports')
    .include.add(standardCodes)
    .end()
    .resolve.set('extensionAlias', { '.js': ['.ts', '.js'] });
}

export default defineConfig<'webpack5'>(async (merge) => {
  const target = process.env.TARO_ENV ?? 'weapp';
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'netsign-mini-program',
    date: '2026-11-30',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: path.join(repoRoot, 'dist/apps/mini-program', target),
    plugins: [],
    defineConstants: {
      // Where the gateway is. Empty in H5: the pages are served by the gateway itself (same origin).
      API_BASE_URL: JSON.stringify(
        process.env.MINI_PROGRAM_API_BASE_URL ?? (target === 'h5' ? '' : 'http://localhost:3000'),
      ),
    },
    alias: {
      '@netsign/api-client': apiClient,
      '@netsign/standard-codes/regions': path.join(standardCodes, 'regions.ts'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
      optimizeMainPackage: { enable: true },
      webpackChain: compileSharedLibs,
    },
    h5: {
      publicPath: '/m/',
      staticDirectory: 'static',
      router: { mode: 'browser', basename: '/m' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
      devServer: { port: 4181 },
      webpackChain: compileSharedLibs,
    },
  };
  return merge({}, base, process.env.NODE_ENV === 'development' ? { mini: {}, h5: {} } : {});
});
