import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { portalAliases } from './vite.config.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Component tests (jsdom): `npx vitest run --config apps/portal/vitest.config.ts`. */
export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: portalAliases },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
  },
});
