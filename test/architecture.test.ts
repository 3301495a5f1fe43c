// The architecture rules (.dependency-cruiser.cjs, .dependency-cruiser-cycles.cjs) catch what they
// are for: each fires on the fixture tree that breaks it on purpose, and nowhere else there (so the
// allowed type-only imports stay allowed); and src/ keeps them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('..', import.meta.url));
const depcruise = fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruiser.mjs', import.meta.url));
const fixture = 'test/fixtures/architecture/src';
const configs = ['.dependency-cruiser.cjs', '.dependency-cruiser-cycles.cjs'];

interface Violation { rule: { name: string }; from: string; to: string }

/** Both passes over `root`, as `npm run lint:arch` runs them; each violation as `rule: from -> to`. */
async function violations(root: string): Promise<string[]> {
  const passes = configs.map(async (config) => {
    // depcruise exits non-zero when it finds a violation; the JSON report is on stdout either way.
    const { stdout } = await run(process.execPath, [depcruise, root, '--config', config, '--output-type', 'json'], {
      cwd: repo,
      env: { ...process.env, CARESITE_ARCH_ROOT: root },
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`depcruise ${config} failed: ${error.stderr}`);
      return { stdout: error.stdout };
    });
    const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
    return report.summary.violations.map((v) => `${v.rule.name}: ${v.from.replace(`${root}/`, '')} -> ${v.to.replace(`${root}/`, '')}`);
  });
  return (await Promise.all(passes)).flat().sort();
}

test('every architecture rule fires on the fixture that breaks it, and only there', async () => {
  assert.deepEqual(await violations(fixture), [
    'feature-not-to-app: features/alpha/service.ts -> app.ts',
    'feature-not-to-other-feature-internals: features/alpha/routes.ts -> features/beta/queries.ts',
    'html-only-in-views: features/alpha/routes.ts -> web/html.ts',
    'infrastructure-not-to-features: web/layout.ts -> features/alpha/service.ts',
    'no-feature-cycle: features/alpha -> features/beta',
    'no-feature-cycle: features/beta -> features/alpha',
    'no-folder-cycle: web -> features/alpha',
    'no-module-cycle: features/alpha/service.ts -> features/beta/service.ts',
    'not-to-unresolvable: features/alpha/routes.ts -> ../gamma/missing.ts',
    'sql-only-in-queries: features/alpha/routes.ts -> node_modules/kysely/dist/index.js',
    'view-not-to-service-or-queries: features/alpha/views.ts -> features/alpha/service.ts',
  ]);
});

test('src/ keeps the architecture rules', async () => {
  const found = await violations('src');
  assert.deepEqual(found, [], `architecture rules broken (see the rule's comment in .dependency-cruiser*.cjs):\n  ${found.join('\n  ')}`);
});
