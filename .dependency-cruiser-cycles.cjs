// Second pass of the architecture check (the first, and why there are two: .dependency-cruiser.cjs):
// cycles, counted on run-time imports only. A type-only import is erased before the code runs and
// is allowed where a layer only names another's type (web/ naming a feature's settings type); counted
// here, that allowance would read as a circle.
const base = require('./.dependency-cruiser.cjs');

const root = (process.env.CARESITE_ARCH_ROOT ?? 'src').replace(/\/+$/, '').replace(/[.]/g, '\\.');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-feature-cycle',
      comment:
        'Features never import each other in a circle: move the shared helper to web/ or ' +
        'db/types.ts, or let one side reach the other through its service and not back.',
      severity: 'error',
      scope: 'folder',
      from: { path: `^${root}/features/[^/]+` },
      to: { path: `^${root}/features/[^/]+`, circular: true },
    },
    {
      name: 'no-folder-cycle',
      comment:
        'The top folders are layers (http, web, db, platform, jobs, content over features): no two ' +
        'import each other in a circle, such as web -> features/staff -> web.',
      severity: 'error',
      scope: 'folder',
      // An edge from one feature to another is no-feature-cycle's, reported once, there.
      from: { path: `^${root}/`, pathNot: `^${root}/features/[^/]+$` },
      to: { path: `^${root}/`, circular: true },
    },
    {
      name: 'no-module-cycle',
      comment:
        'Two files that import each other make start-up order matter (a binding read before it is set).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    // Type-only imports are left out of this graph altogether.
    tsPreCompilationDeps: false,
    // Folder-scope rules work on the folder graph, which is built with the metrics.
    metrics: true,
  },
};
