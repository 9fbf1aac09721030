import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createApiClient, type Schema } from '../src/index.js';

/** The thin client: typed paths, the caller's token as a bearer, any fetch (Taro's, a test's). */
describe('createApiClient', () => {
  const agreementId = '0e5b7c1a-1111-4000-8000-000000000001';

  it('calls the typed path with the token and returns the typed answer', async () => {
    const seen: Request[] = [];
    const client = createApiClient({
      baseUrl: 'https://wq.example.edu.cn/',
      getToken: async () => 'token-1',
      fetch: async (request) => {
        seen.push(request);
        return new Response(JSON.stringify({ id: agreementId, status: 'APPROVED' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const { data, error } = await client.GET('/api/agreements/{agreementId}', {
      params: { path: { agreementId } },
    });
    expect(error).toBeUndefined();
    const agreement: Partial<Schema<'Agreement'>> | undefined = data;
    expect(agreement?.status).toBe('APPROVED');
    expect(seen[0]!.url).toBe(`https://wq.example.edu.cn/api/agreements/${agreementId}`);
    expect(seen[0]!.headers.get('authorization')).toBe('Bearer token-1');
  });

  it('sends no Authorization without a token and hands back the error body', async () => {
    let authorization: string | null = 'unset';
    const client = createApiClient({
      baseUrl: 'http://localhost:3000',
      fetch: async (request) => {
        authorization = request.headers.get('authorization');
        return new Response(JSON.stringify({ code: 'UNAUTHENTICATED', message: '请先登录' }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const { data, error } = await client.GET('/api/me');
    expect([data, error, authorization]).toEqual([
      undefined,
      { code: 'UNAUTHENTICATED', message: '请先登录' },
      null,
    ]);
  });

  it('imports nothing but openapi-fetch and the generated types (usable in a browser and in Taro)', () => {
    const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    const imported = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect([...new Set(imported)].sort()).toEqual(['./schema.js', 'openapi-fetch']);
  });
});
