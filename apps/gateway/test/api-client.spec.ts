import { describe, expect, it } from '@jest/globals';
import {
  API_CLIENT_FILES,
  expectedApiClientFiles,
  readApiClientFile,
  writeApiClientFile,
} from './api-client-files.js';

/**
 * libs/api-client holds the document and its TypeScript types as generated from the gateway's
 * code. `npm run api:generate` runs this file with API_CLIENT_WRITE=1 to rewrite them; otherwise
 * it fails when the committed files differ from what the current code produces.
 */
describe('the generated API client', () => {
  it.each(API_CLIENT_FILES.map((name) => [name]))(
    'libs/api-client/%s is up to date (npm run api:generate)',
    async (name) => {
      const expected = (await expectedApiClientFiles())[name];
      if (process.env.API_CLIENT_WRITE === '1') writeApiClientFile(name, expected);
      expect(readApiClientFile(name)).toBe(expected);
    },
  );
});
