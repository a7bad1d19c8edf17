import { parseArgs } from 'node:util';
import { createDocumentClient, DynamoCommunicationRepository, TOPOLOGY } from '@import-comms/aws';
import type { CommunicationSummary } from '@import-comms/core';
import { findContract } from '@import-comms/events';
import { createPublisher } from '@import-comms/events/publisher';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE } from '../target.js';

export const smokeUsage = `comms smoke [--timeout <seconds>] [--json]

After a deploy: one new customer through the whole pipeline. Publishes a Customer Upserted event for a smoke
customer whose addresses are the providers' simulators (SES's success@simulator.amazonses.com; SMS to the
AWS simulator number +14254147755), then waits until its welcome email and SMS are Delivered. Exits 0 when
both are, 1 with what it saw otherwise (default wait 300 s). ${TARGET_USAGE}`;

/** Addresses the providers accept and report as delivered without reaching anyone. */
export const SIMULATOR = { email: 'success@simulator.amazonses.com', phone: '+14254147755' };

/** An IANA zone where it is midday now, so the smoke customer's quiet hours never hold the messages back. */
export function middayZone(now: Date): string {
  const offset = 12 - now.getUTCHours();
  // Etc/GMT zones count the other way round: Etc/GMT-3 is UTC+3. They span -12 … +14.
  const hours = offset > 14 ? offset - 24 : offset < -12 ? offset + 24 : offset;
  return hours === 0 ? 'Etc/GMT' : `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

export async function smoke(args: string[], io: CliIo, now: () => Date = () => new Date()): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, timeout: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${smokeUsage}\n`);
    return 0;
  }
  const timeoutSeconds = Number(values.timeout ?? 300);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0)
    throw new CliError('--timeout must be seconds', 2);
  const target = connect(values);
  if (!target.tableName) throw new CliError('--table <deployed table name> is needed with --aws', 2);
  const started = now();
  const customerId = `SMOKE-${started.getTime().toString(36).toUpperCase()}`;
  const contract = findContract('import.crm', 'Customer Upserted', 1);
  if (!contract) throw new CliError('no Customer Upserted contract');
  const publisher = createPublisher({
    busName: target.nameOf(TOPOLOGY.eventBusName),
    client: target.eventBridge,
  });
  const communications = new DynamoCommunicationRepository(
    createDocumentClient(target.dynamo),
    target.tableName,
  );
  try {
    const [published] = await publisher.publish([
      {
        contract,
        detail: {
          schemaVersion: 1,
          eventId: `smoke-${customerId}`,
          customerId,
          firstName: 'Smoke',
          lastName: 'Test',
          email: SIMULATOR.email,
          phone: SIMULATOR.phone,
          language: 'en-AU',
          timezone: middayZone(started),
          isNew: true,
          occurredAt: started.toISOString(),
        } as never,
      },
    ]);
    if (published?.status !== 'published') {
      throw new CliError(`could not publish the smoke customer: ${JSON.stringify(published)}`);
    }
    io.stderr(`published ${customerId}; waiting for its welcome email and SMS to be delivered…\n`);
    const deadline = started.getTime() + timeoutSeconds * 1000;
    let seen: CommunicationSummary[] = [];
    for (;;) {
      seen = (await communications.list({ customerId, limit: 25 })).items;
      const delivered = (type: string) =>
        seen.some((item) => item.type === type && item.status === 'Delivered');
      if (delivered('Email') && delivered('SMS')) break;
      if (now().getTime() > deadline) {
        io.stdout(
          values.json
            ? `${JSON.stringify({ ok: false, customerId, seen: seen.map(({ type, status }) => ({ type, status })) })}\n`
            : `FAILED ${customerId}: after ${timeoutSeconds} s: ${seen.map((item) => `${item.type} ${item.status}`).join(', ') || 'no messages'}\n`,
        );
        return 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const seconds = (now().getTime() - started.getTime()) / 1000;
    io.stdout(
      values.json
        ? `${JSON.stringify({ ok: true, customerId, seconds })}\n`
        : `ok ${customerId}: welcome email and SMS delivered in ${seconds.toFixed(1)} s\n`,
    );
    return 0;
  } finally {
    target.dynamo.destroy();
    target.eventBridge.destroy();
  }
}
