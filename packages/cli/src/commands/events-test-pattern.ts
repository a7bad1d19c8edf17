import { parseArgs } from 'node:util';
import { InvalidEventPatternError, testEventPattern } from '@import-comms/event-pattern';
import { CliError, type CliIo, readArgument } from '../io.js';

export const usage = `comms events test-pattern --event-pattern <json|file://path> --event <json|file://path>

Tests whether an event matches an EventBridge event pattern, like \`aws events test-event-pattern\`:
prints {"Result":true} or {"Result":false}; an invalid pattern prints AWS's reason and exits 1.`;

export async function eventsTestPattern(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'event-pattern': { type: 'string' }, event: { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  const pattern = await readArgument(io, 'event-pattern', values['event-pattern']);
  const eventText = await readArgument(io, 'event', values.event);
  let event: unknown;
  try {
    event = JSON.parse(eventText);
  } catch (error) {
    throw new CliError(`--event is not valid JSON: ${(error as Error).message}`);
  }
  try {
    io.stdout(`${JSON.stringify({ Result: testEventPattern(pattern, event) })}\n`);
    return 0;
  } catch (error) {
    if (error instanceof InvalidEventPatternError) throw new CliError(error.message);
    throw error;
  }
}
