import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TOPOLOGY } from '@import-comms/aws';
import { ConfigError, PORTS, readConfig, type Service } from './config.js';
import { PortBusyError } from './emulators/listen.js';
import { writePortsFile } from './ports-file.js';
import { startRuntime, startServicesOnly } from './runtime.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const print = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      reset: { type: 'boolean' },
      'in-memory': { type: 'boolean' },
      'emulators-only': { type: 'boolean' },
      'services-only': { type: 'boolean' },
      'ports-file': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    print('npm start [-- --reset] [-- --in-memory] [-- --emulators-only] [-- --ports-file FILE]\n');
    print('  --reset           wipe the local data (.data/) before starting');
    print('  --in-memory       keep nothing on disk');
    print(
      '  --emulators-only  run no service: messages wait in their queues (e.g. to debug a handler apart)',
    );
    print('  --services-only   run only the functions, against the emulators of an --emulators-only process');
    print(
      '  --ports-file FILE write the URLs bound, as JSON, once ready (also IMPORT_COMMS_PORTS_FILE); removed on stop',
    );
    print('\nPorts: set the variables listed in the README; 0 lets the system choose a free port.');
    return 0;
  }
  const config = readConfig(process.env, { inMemory: values['in-memory'] ?? false, repoRoot });
  const portsFile = values['ports-file'] ? path.resolve(values['ports-file']) : config.portsFile;
  if (values.reset && config.dataDir) {
    rmSync(config.dataDir, { recursive: true, force: true });
    print(`wiped ${path.relative(process.cwd(), config.dataDir) || config.dataDir}`);
  }
  const loadHandlers = async () => ({
    'trigger-service': (await import('@import-comms/trigger-service')).handler,
    'email-dispatcher': (await import('@import-comms/email-dispatcher')).handler,
    'sms-dispatcher': (await import('@import-comms/sms-dispatcher')).handler,
    'log-service': (await import('@import-comms/log-service')).handler,
    'inbound-service': (await import('@import-comms/inbound-service')).handler,
  });
  const loadSchedules = async () => ({
    sweeper: (await import('@import-comms/trigger-service/sweeper')).handler,
  });
  const events = {
    info: (message: string) => print(`  ${message}`),
    error: (message: string, error: unknown) =>
      process.stderr.write(`${message}: ${(error as Error)?.message ?? String(error)}\n`),
  };
  if (values['services-only']) {
    // The functions alone: killing this process is a crash of the Lambdas, not of the (durable) queues.
    const services = await startServicesOnly({
      config,
      topology: TOPOLOGY,
      events,
      loadHandlers,
      loadSchedules,
    });
    await new Promise<void>((resolve) => {
      const stop = () => services.stop().then(resolve, resolve);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      print('import-comms services are running against the emulators.\nPress Ctrl-C to stop.');
    });
    return 0;
  }
  const runtime = await startRuntime({
    config,
    topology: TOPOLOGY,
    loadHandlers: async () => (values['emulators-only'] ? {} : loadHandlers()),
    webRoot: path.join(
      path.dirname(createRequire(import.meta.url).resolve('@import-comms/web/package.json')),
      'dist',
    ),
    loadApi: async () => {
      const { createApiFromEnvironment } = await import('@import-comms/api');
      return createApiFromEnvironment().fetch;
    },
    loadSchedules: async () => (values['emulators-only'] ? {} : loadSchedules()),
    events: {
      ...events,
      routed: (routed) => print(`event ${routed.eventId} → ${routed.queue} (rule ${routed.rule})`),
      sms: (sms) => print(`SMS to ${sms.phoneNumber.replace(/\d(?=\d{2})/g, '•')}: ${sms.message}`),
    },
  });
  // Signal handlers go in before the ready line: whoever reads it may press Ctrl-C at once.
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      print(`\n${signal}: stopping…`);
      if (portsFile) rmSync(portsFile, { force: true });
      runtime.stop().then(resolve, resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  print('\nimport-comms is running locally:\n');
  for (const service of Object.keys(PORTS) as Service[]) {
    print(`  ${PORTS[service].label.padEnd(42)} ${runtime.urls[service]}   (${PORTS[service].env})`);
  }
  print(`  ${'Captured SMS'.padEnd(42)} ${runtime.urls.sns}/sms`);
  print(`  ${'Web UI for reps (sign in as a demo user)'.padEnd(42)} ${runtime.urls.app}/`);
  print(`  ${'API reference (OpenAPI 3.1)'.padEnd(42)} ${runtime.urls.app}/api/openapi.json`);
  print(`  ${'Recent events on the bus'.padEnd(42)} ${runtime.urls.eventbridge}/events`);
  if (!values['emulators-only']) {
    print(
      '\n  Services: trigger-service, email-dispatcher, sms-dispatcher, log-service, inbound-service; sweeper every 5 s',
    );
  }
  print(
    `\n  Data: ${config.dataDir ? path.relative(process.cwd(), config.dataDir) : 'in memory'}; table ${config.tableName}; region ${config.region}`,
  );
  if (runtime.seeded) {
    print(
      `  Seeded: ${runtime.seeded.templatesCreated} new templates, ${runtime.seeded.customers} demo customers, ${runtime.seeded.vehicles} vehicles`,
    );
  }
  if (portsFile) writePortsFile(portsFile, runtime.urls);
  print('\nPress Ctrl-C to stop.');

  await stopped;
  print('stopped.');
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof PortBusyError || error instanceof ConfigError;
    process.stderr.write(
      `npm start failed: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`,
    );
    process.exitCode = 1;
  },
);
