// The shape of the code (DESIGN.md, "Shape of the code"), checked on every `npm test` so that it
// holds without anyone having to remember it. Two passes over src/:
//   .dependency-cruiser.cjs        (this file) who may import what, on the graph WITH type-only
//                                  imports, so that a rule can allow them or forbid them;
//   .dependency-cruiser-cycles.cjs cycles, on the run-time graph only (type-only imports dropped).
// `npm run lint:arch` runs both with dependency-cruiser's own report. In `npm test`,
// test/architecture.test.ts runs them on src/ and on test/fixtures/architecture/, a tiny tree that
// breaks each rule once, so a rule that silently stops matching (a renamed folder, a wrong regex)
// fails a test too.
//
// Every path is `${root}/...`: root is src, or the fixture tree when CARESITE_ARCH_ROOT names it.
const root = (process.env.CARESITE_ARCH_ROOT ?? 'src').replace(/\/+$/, '').replace(/[.]/g, '\\.');

const FEATURE = `^${root}/features/([^/]+)/`;
const VIEW = '(^|/)(views|[a-z-]+-views)\\.ts$';
const QUERIES = '(^|/)(queries|[a-z-]+-queries)\\.ts$';

/** Shared with the cycles pass. @type {import('dependency-cruiser').ICruiseOptions} */
const options = {
  // Packages are endpoints (the SQL and HTML rules look at which package), never cruised.
  doNotFollow: { path: 'node_modules' },
  // Tests reach into internals on purpose (seed a table, render one view); the rules are about the
  // application, and test helpers would add edges such as src/db -> test -> src/content. (With the
  // tests left out, nothing in src/ reaches test/.)
  exclude: { path: '\\.test\\.ts$|(^|/)test-support\\.ts$' },
  tsConfig: { fileName: 'tsconfig.json' },
  // `#src/*` resolves through package.json "imports" (enhanced-resolve reads them); sources are .ts
  // and are imported with their .ts extension.
  enhancedResolveOptions: {
    exportsFields: ['exports'],
    conditionNames: ['import', 'node', 'default', 'types'],
    extensions: ['.ts', '.js', '.d.ts'],
    mainFields: ['module', 'main', 'types'],
  },
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'not-to-unresolvable',
      comment:
        'Every import must resolve: an import the cruiser cannot follow is one no other rule sees.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'sql-only-in-queries',
      comment:
        'Only queries.ts files and db/ hold SQL. Building SQL needs kysely at run time (`sql`, a ' +
        'dialect), pg or node:sqlite; `import type { Kysely }` is fine anywhere. Allowed beyond ' +
        'those: jobs/outbox-queries.ts (the queries file of jobs/, named for whose they are; matched ' +
        'by *-queries.ts) and content/demo.ts, whose PostgreSQL advisory lock around the first-start ' +
        'import is a lock between processes, not a query of any feature\'s data, and has that one caller.',
      severity: 'error',
      from: { pathNot: [QUERIES, `^${root}/db/`, `^${root}/content/demo\\.ts$`] },
      to: {
        path: ['(^|/)node_modules/(kysely|pg)/', '^(node:)?sqlite$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'html-only-in-views',
      comment:
        'HTML is built in views (views.ts, *-views.ts) and web/ only; a route, service or http/ ' +
        'helper that needs markup calls a view. No exception for http/error-pages.ts: its bare page ' +
        '(drawn when the database is down) belongs in web/error-view.ts beside the full one.',
      severity: 'error',
      from: { pathNot: [VIEW, `^${root}/web/`] },
      to: {
        path: [`^${root}/web/html\\.ts$`, '(^|/)node_modules/ghtml/'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'view-not-to-service-or-queries',
      comment:
        'A view turns data into HTML and never queries or decides: it may name a service\'s or a ' +
        'query\'s types (erased at run time), never import code from one.',
      severity: 'error',
      from: { path: VIEW },
      to: { path: ['(^|/)service\\.ts$', QUERIES], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'feature-not-to-other-feature-internals',
      comment:
        'A feature reaches another only through that feature\'s service; its routes, views and ' +
        'queries, types included, are its own. A type two features share lives in db/types.ts or web/.',
      severity: 'error',
      from: { path: FEATURE },
      to: {
        path: `^${root}/features/[^/]+/(routes|views|[a-z-]+-views|queries|[a-z-]+-queries)\\.ts$`,
        pathNot: `^${root}/features/$1/`,
      },
    },
    {
      name: 'infrastructure-not-to-features',
      comment:
        'http/, web/, db/ and platform/ serve every feature, so they import none at run time (that ' +
        'is how web -> staff -> web circles start); naming a feature\'s type is allowed.',
      severity: 'error',
      from: { path: `^${root}/(web|db|http|platform)/` },
      to: { path: `^${root}/features/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'feature-not-to-app',
      comment:
        'app.ts, main.ts and cli.ts compose the features; a feature importing them, even for a type, ' +
        'turns the map of the system into a cycle. Take what you need as a parameter.',
      severity: 'error',
      from: { path: FEATURE },
      to: { path: `^${root}/(app|main|cli)\\.ts$` },
    },
  ],
  options: {
    ...options,
    // Keep type-only imports in the graph, marked `type-only`, for the dependencyTypesNot above.
    tsPreCompilationDeps: true,
  },
};
