import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { ESLint } from 'eslint';
import { tempDir } from '@cadran/domain/testing';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = join(root, '.dependency-cruiser.cjs');

/** The rules broken in `baseDir`, as "rule: from -> to". */
const violations = async (baseDir: string, paths: string[], tsConfig?: string) => {
  const options = await extractDepcruiseOptions(config);
  const { output } = await cruise(
    paths,
    { ...options, baseDir, ...(tsConfig ? {} : { tsConfig: undefined }) },
    undefined,
    tsConfig ? { tsConfig: extractTSConfig(join(baseDir, tsConfig)) } : undefined,
  );
  return (output as ICruiseResult).summary.violations.map(
    (violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`,
  );
};

describe('workspace boundaries (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('hold in this tree: no import cycle, no service importing another, no reach into internals', async () => {
    expect(
      await violations(root, ['packages', 'services', 'test', 'bench'], 'tsconfig.json'),
    ).toEqual([]);
  }, 120_000);

  const planted = tempDir('cadran-boundaries-');
  afterAll(() => planted.remove());
  const plant = (path: string, text: string) => {
    mkdirSync(dirname(join(planted.dir, path)), { recursive: true });
    writeFileSync(join(planted.dir, path), text);
  };

  it('fail on a planted cycle, a service importing another, a package importing a service and a reach into internals', async () => {
    plant('services/a/src/p.ts', "import { q } from './q.js';\nexport const p = () => q;\n");
    plant('services/a/src/q.ts', "import { p } from './p.js';\nexport const q = () => p;\n");
    plant(
      'services/b/src/index.ts',
      "import { p } from '../../a/src/p.js';\nexport const b = p;\n",
    );
    plant(
      'packages/z/src/index.ts',
      "import { b } from '../../../services/b/src/index.js';\nexport const z = b;\n",
    );
    const found = await violations(planted.dir, ['packages', 'services']);
    expect(found).toEqual(
      expect.arrayContaining([
        'no-import-cycle: services/a/src/p.ts -> services/a/src/q.ts',
        'services-meet-through-events: services/b/src/index.ts -> services/a/src/p.ts',
        'no-reaching-into-internals: services/b/src/index.ts -> services/a/src/p.ts',
        'packages-do-no-io-of-services: packages/z/src/index.ts -> services/b/src/index.ts',
      ]),
    );
  }, 120_000);
});

describe('rm_* tables (eslint no-restricted-syntax)', () => {
  const lint = async (filePath: string) => {
    const [result] = await new ESLint({ cwd: root }).lintText(
      // eslint-disable-next-line no-restricted-syntax -- the planted violation itself
      "export const sql = 'SELECT * FROM rm_usage_hourly';\n",
      { filePath: join(root, filePath) },
    );
    return result?.messages.map((message) => message.message) ?? [];
  };

  it('are named only inside packages/projections', async () => {
    expect(await lint('services/invoicing/src/planted.ts')).toEqual([
      'rm_* tables belong to packages/projections: read them through a function it exports',
    ]);
    expect(await lint('packages/projections/src/planted.ts')).toEqual([]);
  }, 60_000);
});
