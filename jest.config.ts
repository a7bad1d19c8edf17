/** @jest-config-loader esbuild-register */
import path from 'node:path';
import type { Config } from 'jest';

/**
 * One Jest project per workspace. Tests run from TypeScript sources through @swc/jest (no type checking:
 * `tsc -b` does that before Jest runs), and workspace imports resolve to sources, so no build is needed.
 */
const repoRoot = path.resolve();

/** Where the one in-memory dynalite of a run is started and stopped. */
const DYNALITE_SETUP = 'packages/aws/tests/global-setup.ts';
const DYNALITE_TEARDOWN = 'packages/aws/tests/global-teardown.ts';

const workspaces: {
  name: string;
  dir: string;
  dynalite?: boolean;
  /** ESM-only packages that must be compiled for Jest's CommonJS runtime. */
  esmPackages?: string[];
}[] = [
  { name: 'events', dir: 'events' },
  { name: 'event-pattern', dir: 'packages/event-pattern' },
  { name: 'core', dir: 'packages/core' },
  { name: 'aws', dir: 'packages/aws', dynalite: true },
  { name: 'trigger-service', dir: 'packages/trigger-service', dynalite: true },
  { name: 'email-dispatcher', dir: 'packages/email-dispatcher', dynalite: true },
  { name: 'sms-dispatcher', dir: 'packages/sms-dispatcher', dynalite: true },
  { name: 'log-service', dir: 'packages/log-service', dynalite: true },
  {
    name: 'inbound-service',
    dir: 'packages/inbound-service',
    dynalite: true,
    // sanitize-html's HTML parser (htmlparser2 10) and its DOM packages are ESM-only.
    esmPackages: [
      'sanitize-html',
      'htmlparser2',
      'domhandler',
      'domutils',
      'entities',
      'dom-serializer',
      'domelementtype',
    ],
  },
  { name: 'api', dir: 'packages/api', dynalite: true, esmPackages: ['jose'] },
  { name: 'local', dir: 'packages/local' },
  { name: 'cli', dir: 'packages/cli' },
  { name: 'web', dir: 'packages/web' },
  { name: 'infra', dir: 'infra' },
];

const config: Config = {
  // A global option (projects cannot set it): end-to-end tests wait for processes, queues and a browser on a
  // loaded 2-core machine; unit tests finish far below it.
  testTimeout: 60_000,
  // Most suites wait on emulators, processes or a browser rather than compute: one worker per core (Jest's
  // default keeps one core for itself, which on two cores runs every suite one after another) halves the run.
  maxWorkers: '100%',
  projects: workspaces.map(({ name, dir, dynalite, esmPackages }) => {
    const rootDir = path.join(repoRoot, dir);
    return {
      displayName: name,
      rootDir,
      testEnvironment: 'node',
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
      ...(esmPackages ? { transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`] } : {}),
      transform: {
        '^.+\\.ts$': [
          '@swc/jest',
          { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
        ],
        '^.+\\.m?js$': [
          '@swc/jest',
          { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
        ],
      },
      moduleNameMapper: {
        '^@import-comms/events$': path.join(repoRoot, 'events/src/index.ts'),
        '^@import-comms/events/publisher$': path.join(repoRoot, 'events/src/publisher/index.ts'),
        '^@import-comms/aws/testing$': path.join(repoRoot, 'packages/aws/src/testing.ts'),
        '^@import-comms/core/load-engine$': path.join(repoRoot, 'packages/core/src/templates/load-engine.ts'),
        '^@import-comms/(core|aws|api|event-pattern|cli|local)$': path.join(
          repoRoot,
          'packages/$1/src/index.ts',
        ),
        // Sources use NodeNext `.js` specifiers; Jest resolves them to the `.ts` files.
        '^(\\.{1,2}/.*)\\.js$': '$1',
      },
      ...(dynalite
        ? {
            globalSetup: path.join(repoRoot, DYNALITE_SETUP),
            globalTeardown: path.join(repoRoot, DYNALITE_TEARDOWN),
          }
        : {}),
    };
  }),
};

export default config;
