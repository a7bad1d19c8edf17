import { parseArgs } from 'node:util';
import { TOPOLOGY } from '@import-comms/aws';
import { findContract } from '@import-comms/events';
import { createPublisher, type OutgoingEvent, PublishValidationError } from '@import-comms/events/publisher';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';

export const usage = `comms events publish --file <events.json> [--bus <name>] [--json]

Publishes events through the typed publisher: the file holds one PutEvents entry or a list of them
({"Source", "DetailType", "Detail"}, as in events/examples/). Every event is validated against its contract
first; nothing is sent if one is invalid. Prints one line per event.
${TARGET_USAGE}`;

interface Entry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
}

export async function eventsPublish(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, file: { type: 'string' }, bus: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  if (!values.file) throw new CliError(`missing --file\n\n${usage}`, 2);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await io.readFile(values.file));
  } catch (error) {
    throw new CliError(`cannot read ${values.file}: ${(error as Error).message}`, 2);
  }
  const entries = (Array.isArray(parsed) ? parsed : [parsed]) as Entry[];
  const events: OutgoingEvent[] = entries.map((entry, index) => {
    const detail = typeof entry.Detail === 'string' ? JSON.parse(entry.Detail) : entry.Detail;
    const version = (detail as { schemaVersion?: unknown })?.schemaVersion;
    const contract = findContract(
      String(entry.Source),
      String(entry.DetailType),
      typeof version === 'number' ? version : undefined,
    );
    if (!contract)
      throw new CliError(
        `event #${index}: no contract for ${String(entry.Source)} / ${String(entry.DetailType)}`,
      );
    return { contract, detail: detail as never };
  });
  const target = connect(values);
  const publisher = createPublisher({
    busName: values.bus ?? target.nameOf(TOPOLOGY.eventBusName),
    client: target.eventBridge,
  });
  try {
    const results = await publisher.publish(events);
    if (values.json) io.stdout(`${JSON.stringify(results)}\n`);
    else {
      for (const result of results) {
        io.stdout(
          result.status === 'published'
            ? `published ${result.eventId} (${result.awsEventId})\n`
            : `FAILED ${result.eventId}: ${result.errorCode} ${result.errorMessage} after ${result.attempts} attempts\n`,
        );
      }
    }
    return results.some((result) => result.status === 'failed') ? 1 : 0;
  } catch (error) {
    if (error instanceof PublishValidationError) {
      const lines = error.failures.flatMap((failure) =>
        failure.issues.map((issue) => `event #${failure.index}: ${issue.path}: ${issue.message}`),
      );
      throw new CliError(`nothing published, invalid events:\n${lines.join('\n')}`);
    }
    throw error;
  }
}
