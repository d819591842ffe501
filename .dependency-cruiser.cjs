/**
 * The boundaries between povmap's parts, checked by `npm test` (tests/unit/dependency-rules.test.ts):
 * the client talks to the server over HTTP only, tiles get what they need passed in when the server
 * mounts them, and no module depends on itself through others.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'client-not-to-server',
      comment: 'The client reads definitions from /api/meta and TileJSON, and types from the generated OpenAPI schema.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|tiles|sql)/' },
    },
    {
      name: 'tiles-not-to-server',
      comment: 'tiles/ is mounted by the server, which passes in its database, errors and definitions.',
      severity: 'error',
      from: { path: '^tiles/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'sql-not-to-code',
      comment: 'sql/ holds statements and their loader; it depends on no part of the code.',
      severity: 'error',
      from: { path: '^sql/' },
      to: { path: '^(server|client|tiles)/' },
    },
    {
      name: 'no-cycles',
      comment: 'An import cycle makes load order and ownership unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
