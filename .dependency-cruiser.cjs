/**
 * Boundaries between the workspaces, checked by `pnpm lint:boundaries` (part of `pnpm test`
 * through test/boundaries.test.ts, which also shows that a planted violation fails).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-import-cycle',
      comment:
        'Files import each other in a circle (type-only imports count): move the shared part out.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'services-meet-through-events',
      comment:
        'A service imports another service only in services/platform, which composes them; otherwise services meet through events and the published functions of a package.',
      severity: 'error',
      from: { path: '^services/([^/]+)/', pathNot: '^services/platform/' },
      to: { path: '^services/([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-do-no-io-of-services',
      comment: 'packages/ hold logic shared by services; they never import a service.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'no-reaching-into-internals',
      comment:
        'Import another workspace by its name (@cadran/x, or a subpath it exports), never by a relative path into its folder: what it does not export is its own business.',
      severity: 'error',
      from: { path: '^(packages|services)/([^/]+)/' },
      to: { path: '^(packages|services)/', pathNot: '^$1/$2/', dependencyTypes: ['local'] },
    },
    {
      name: 'tests-and-benches-use-published-names',
      comment: 'test/ and bench/ import the workspaces by name too (@cadran/x), as any user would.',
      severity: 'error',
      from: { path: '^(test|bench)/' },
      to: { path: '^(packages|services)/', dependencyTypes: ['local'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '(^|/)dist/', '\\.generated\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
