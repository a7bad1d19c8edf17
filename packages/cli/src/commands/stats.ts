import { parseArgs } from 'node:util';
import { createDocumentClient, moveLegacyStatusCounts } from '@import-comms/aws';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';

export const moveUsage = `comms stats move [--table <name>] [--json]

Moves the dashboard's counters of releases before the monthly layout into their month's partition
(docs/adr/0030-dashboard-counters-by-month.md): run once after deploying that release. Safe to run again and
beside live traffic: each day's counters are copied once and the old item deleted. ${TARGET_USAGE}`;

export async function statsMove(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TARGET_OPTIONS, strict: true });
  if (values.help) {
    io.stdout(`${moveUsage}\n`);
    return 0;
  }
  const target = connect(values);
  if (!target.tableName) throw new CliError('--table <deployed table name> is needed with --aws', 2);
  try {
    const moved = await moveLegacyStatusCounts(createDocumentClient(target.dynamo), target.tableName);
    io.stdout(
      values.json
        ? `${JSON.stringify({ movedDays: moved })}\n`
        : `moved the counters of ${moved} day items to the monthly layout in ${target.tableName}\n`,
    );
    return 0;
  } finally {
    target.dynamo.destroy();
  }
}
