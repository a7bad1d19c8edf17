import { parseArgs } from 'node:util';
import { createDocumentClient, reindexSearch } from '@import-comms/aws';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';

export const reindexUsage = `comms search reindex [--table <name>] [--json]

Writes the search postings of every communication, customer and vehicle already in the table, then marks the
table current (docs/adr/0022-search-index.md): run once after deploying a release that changes the search index.
Safe to run again and beside live traffic. ${TARGET_USAGE}`;

export async function searchReindex(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TARGET_OPTIONS, strict: true });
  if (values.help) {
    io.stdout(`${reindexUsage}\n`);
    return 0;
  }
  const target = connect(values);
  if (!target.tableName) throw new CliError('--table <deployed table name> is needed with --aws', 2);
  const documents = createDocumentClient(target.dynamo);
  try {
    const summary = await reindexSearch(documents, target.tableName, (sofar) => {
      if (!values.json)
        io.stderr(
          `… ${sofar.communications} communications, ${sofar.customers} customers, ${sofar.vehicles} vehicles\n`,
        );
    });
    io.stdout(
      values.json
        ? `${JSON.stringify(summary)}\n`
        : `indexed ${summary.communications} communications, ${summary.customers} customers and ${summary.vehicles} vehicles in ${target.tableName}\n`,
    );
    return 0;
  } finally {
    target.dynamo.destroy();
  }
}
