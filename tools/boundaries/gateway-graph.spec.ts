import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

/**
 * The gateway has no database (DESIGN.md): its module graph — every workspace file reachable from
 * apps/gateway/src/main.ts through imports, across libs by their tsconfig paths — names no package
 * that reaches Postgres. A lib that mixes client and server code offers a sub-path entry for the
 * client side (`@netsign/messaging/client`, `@netsign/runtime/logger`).
 */
const FORBIDDEN = [
  /^pg(-.*)?$/,
  /^typeorm(\/.*)?$/,
  /^@nestjs\/typeorm$/,
  /^@netsign\/persistence(\/.*)?$/,
  /^@netsign\/audit-chain(\/.*)?$/,
];

function gatewayGraph(): Map<string, string[]> {
  const config = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const program = ts.createProgram({
    rootNames: ['apps/gateway/src/main.ts'],
    options: { ...config.options, noEmit: true },
  });
  const graph = new Map<string, string[]>();
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || file.fileName.includes('/node_modules/')) continue;
    const imports = ts
      .preProcessFile(readFileSync(file.fileName, 'utf8'), true, true)
      .importedFiles.map((f) => f.fileName);
    graph.set(
      relative(process.cwd(), file.fileName),
      imports.filter((i) => !i.startsWith('.')),
    );
  }
  return graph;
}

describe('the gateway’s module graph', () => {
  const graph = gatewayGraph();

  it('covers the gateway and the libs it uses', () => {
    expect(graph.has('apps/gateway/src/main.ts')).toBe(true);
    expect([...graph.keys()].some((f) => f.startsWith('libs/messaging/'))).toBe(true);
    expect([...graph.keys()].some((f) => f.startsWith('libs/contracts/'))).toBe(true);
  });

  it('names no database package, not even for types', () => {
    const offending = [...graph].flatMap(([file, packages]) =>
      packages.filter((p) => FORBIDDEN.some((f) => f.test(p))).map((p) => `${file} → ${p}`),
    );
    expect(offending).toEqual([]);
  });
});
