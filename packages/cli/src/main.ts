import {
  dlqList,
  dlqPeek,
  dlqPurge,
  dlqReplay,
  listUsage,
  peekUsage,
  purgeUsage,
  replayUsage,
} from './commands/dlq.js';
import { eventsPublish, usage as publishUsage } from './commands/events-publish.js';
import { eventsTestPattern, usage as testPatternUsage } from './commands/events-test-pattern.js';
import { logMove, logMoveUsage } from './commands/log.js';
import { reindexUsage, searchReindex } from './commands/search.js';
import { smoke, smokeUsage } from './commands/smoke.js';
import { moveUsage, statsMove } from './commands/stats.js';
import {
  exportUsage,
  importUsage,
  seed,
  seedUsage,
  templatesExport,
  templatesImport,
} from './commands/templates.js';
import { CliError, type CliIo, processIo } from './io.js';

type Command = (args: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  'events publish': { run: eventsPublish, usage: publishUsage },
  'events test-pattern': { run: eventsTestPattern, usage: testPatternUsage },
  'dlq list': { run: dlqList, usage: listUsage },
  'dlq peek': { run: dlqPeek, usage: peekUsage },
  'dlq replay': { run: dlqReplay, usage: replayUsage },
  'dlq purge': { run: dlqPurge, usage: purgeUsage },
  'templates export': { run: templatesExport, usage: exportUsage },
  'templates import': { run: templatesImport, usage: importUsage },
  seed: { run: seed, usage: seedUsage },
  'search reindex': { run: searchReindex, usage: reindexUsage },
  'stats move': { run: statsMove, usage: moveUsage },
  'log move': { run: logMove, usage: logMoveUsage },
  smoke: { run: (args, io) => smoke(args, io), usage: smokeUsage },
};

const help = `comms — operations command line of import-comms

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.usage.split('\n')[0]}`)
  .join('\n')}

Add --help after a command for its details.`;

/** node:util parseArgs errors (checked by code: they may come from another realm). */
function isArgumentError(error: unknown): error is Error {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')
  );
}

/** Runs one command line; returns the exit code. Errors are one line on stderr, never a stack trace. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.stdout(`${help}\n`);
    return 0;
  }
  const twoWords = argv.slice(0, 2).join(' ');
  const name = COMMANDS[twoWords] ? twoWords : (argv[0] ?? '');
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`comms: unknown command "${argv.join(' ')}"\n\n${help}\n`);
    return 2;
  }
  try {
    return await command.run(argv.slice(name.split(' ').length), io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (isArgumentError(error)) {
      io.stderr(`${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    // AWS and network failures: one line with what failed, never a stack trace.
    const described = error as { name?: string; message?: string };
    io.stderr(`comms ${name}: ${described.name ?? 'Error'}: ${described.message ?? String(error)}\n`);
    return 1;
  }
}
