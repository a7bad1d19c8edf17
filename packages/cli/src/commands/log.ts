import { parseArgs } from 'node:util';
import { createDocumentClient, moveShardedLogEntries } from '@import-comms/aws';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';

export const logMoveUsage = `comms log move [--table <name>] [--json]

Moves the whole log's entries written while it had three write shards into its one partition
(docs/adr/0038-the-whole-log-in-one-partition.md): run once after deploying that release. Safe to run again and
beside live traffic: an entry moves only while it still names a shard. ${TARGET_USAGE}`;

export async function logMove(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TARGET_OPTIONS, strict: true });
  if (values.help) {
    io.stdout(`${logMoveUsage}\n`);
    return 0;
  }
  const target = connect(values);
  if (!target.tableName) throw new CliError('--table <deployed table name> is needed with --aws', 2);
  try {
    const moved = await moveShardedLogEntries(createDocumentClient(target.dynamo), target.tableName);
    io.stdout(
      values.json
        ? `${JSON.stringify({ movedEntries: moved })}\n`
        : `moved ${moved} entries of the log into its one partition in ${target.tableName}\n`,
    );
    return 0;
  } finally {
    target.dynamo.destroy();
  }
}
