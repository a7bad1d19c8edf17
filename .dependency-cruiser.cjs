/**
 * The layers, as rules: domain logic pure and free of AWS in core; adapters never reach up into what uses them;
 * services independent of each other; the API's use cases free of HTTP; no cycles anywhere.
 * Run by `npm run lint` (and so by `npm test`).
 */
const SERVICES = '(trigger-service|email-dispatcher|sms-dispatcher|log-service)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: split what they share into a module both import.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-is-pure',
      comment: 'The domain knows no AWS, no HTTP and no adapter (it defines ports the adapters implement).',
      severity: 'error',
      from: { path: '^packages/core/src' },
      to: {
        path: [
          '^packages/(?!core/|event-pattern/)',
          'node_modules/@aws-sdk/',
          'node_modules/@aws-lambda-powertools/',
          'node_modules/(hono|@hono)/',
        ],
      },
    },
    {
      name: 'contracts-stand-alone',
      comment: 'Event contracts are published to other teams: they depend on nothing of this system.',
      severity: 'error',
      from: { path: '^events/src' },
      to: { path: '^packages/' },
    },
    {
      name: 'adapters-below-their-users',
      comment: 'The AWS adapters serve the services, the API and the runtime; they never import them.',
      severity: 'error',
      from: { path: '^packages/aws/src' },
      to: { path: `^packages/(api|local|cli|web|${SERVICES.slice(1, -1)})/` },
    },
    {
      name: 'services-independent',
      comment: 'Each Lambda function stands alone: what two of them share lives in core or aws.',
      severity: 'error',
      from: { path: `^packages/${SERVICES}/` },
      to: { path: `^packages/(api|local|cli|web|${SERVICES.slice(1, -1)})/`, pathNot: '^packages/$1/' },
    },
    {
      name: 'api-use-cases-free-of-http',
      comment:
        'The API use cases (app/) take domain input and throw domain errors; routes and http adapt them.',
      severity: 'error',
      from: { path: '^packages/api/src/app/' },
      to: { path: '^packages/api/src/(routes|http|schemas)/|^packages/api/src/api\\.ts$' },
    },
    {
      name: 'routes-below-the-app',
      comment: 'The app mounts the routes; routes never import the app.',
      severity: 'error',
      from: { path: '^packages/api/src/routes/' },
      to: { path: '^packages/api/src/(api|index)\\.ts$' },
    },
    {
      name: 'test-helpers-in-tests-only',
      comment: '@import-comms/aws/testing serves the test suites; no function or app imports it.',
      severity: 'error',
      from: { pathNot: '^packages/aws/src/testing\\.ts$' },
      to: { path: '^packages/aws/src/testing\\.ts$' },
    },
    {
      name: 'web-features-below-pages',
      comment: 'Pages compose features; a feature never reaches into a page.',
      severity: 'error',
      from: { path: '^packages/web/src/(features|components|api)/' },
      to: { path: '^packages/web/src/pages/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
    },
  },
};
