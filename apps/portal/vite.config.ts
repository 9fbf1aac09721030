import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));

/** The libraries the portal uses, by the same names as tsconfig.base.json's paths. */
export const portalAliases = {
  '@netsign/api-client': `${workspace}libs/api-client/src/index.ts`,
  '@netsign/contracts/identifiers': `${workspace}libs/contracts/src/identifiers.ts`,
  // The small code tables; the region table (GB/T 2260) only through a dynamic import of
  // '@netsign/standard-codes/regions', so that it is a chunk of its own, loaded when a picker opens.
  '@netsign/standard-codes/regions': `${workspace}libs/standard-codes/src/regions.ts`,
  '@netsign/standard-codes/tables': `${workspace}libs/standard-codes/src/tables.ts`,
};

// `npm run dev:portal`: Vite on PORTAL_DEV_PORT (5173) with /api proxied to the gateway
// (GATEWAY_URL, default http://localhost:3000). `npm run build:portal`: dist/apps/portal, which the
// gateway serves at `/`.
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: portalAliases },
  build: {
    outDir: `${workspace}dist/apps/portal`,
    emptyOutDir: true,
    // No inline scripts, so the gateway's Content-Security-Policy can say script-src 'self'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.PORTAL_DEV_PORT ?? 5173),
    proxy: {
      '/api': { target: process.env.GATEWAY_URL ?? 'http://localhost:3000', changeOrigin: true },
    },
  },
});
