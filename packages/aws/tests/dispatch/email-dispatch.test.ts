import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import {
  type DispatchDependencies,
  dispatch,
  newOutboundMessage,
  TransientDeliveryError,
} from '@import-comms/core';
import { DynamoCommunicationRepository, DynamoCustomerRepository, SesEmailSender } from '../../src/index.js';
import { createTestTable, manualClock } from '../support/table.js';

let sesServer: Server;
let sesEndpoint: string;
let deps: DispatchDependencies;
let communications: DynamoCommunicationRepository;

/** Errors SES would answer with, injected by a middleware before the request leaves the client. */
let injected: Error[] = [];

function sesError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

function sender(): SesEmailSender {
  const client = new SESv2Client({
    endpoint: sesEndpoint,
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      const error = injected.shift();
      if (error) throw error;
      return next(args);
    },
    { step: 'initialize', name: 'injectSesErrors' },
  );
  return new SesEmailSender(client, {
    fromAddress: 'care@harbourline.example',
    configurationSetName: 'import-comms',
  });
}

async function storedEmails(): Promise<{ subject: string; destination: { to: string[] } }[]> {
  return ((await (await fetch(`${sesEndpoint}/store`)).json()) as { emails: never[] }).emails;
}

beforeAll(async () => {
  // A CommonJS module with `exports.default`: how it is seen depends on the loader, so take whichever is the function.
  const loaded = (await import('aws-ses-v2-local')) as unknown as { default: unknown };
  const candidate = loaded.default as { default?: unknown };
  const start = (typeof candidate === 'function' ? candidate : candidate.default) as (options: {
    host: string;
    port: number;
  }) => Promise<Server>;
  sesServer = await start({ host: '127.0.0.1', port: 0 });
  sesEndpoint = `http://127.0.0.1:${(sesServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  sesServer.closeAllConnections();
  await new Promise((resolve) => sesServer.close(resolve));
});

beforeEach(async () => {
  injected = [];
  const table = await createTestTable();
  const clock = manualClock('2026-11-25T02:00:00Z');
  communications = new DynamoCommunicationRepository(table.documents, table.tableName, clock);
  deps = {
    communications,
    customers: new DynamoCustomerRepository(table.documents, table.tableName, clock),
    clock,
    claimLeaseSeconds: 60,
  };
});

let counter = 0;
async function pendingEmail(): Promise<string> {
  counter++;
  const message = newOutboundMessage(
    {
      communicationId: `dispatch-${counter}`,
      customerId: 'CU-1',
      channel: 'Email',
      category: 'transactional',
      address: `customer-${counter}@example.com`,
      subject: `Update ${counter}`,
      content: 'Your vehicle has shipped.',
      contentHtml: '<p>Your vehicle has shipped.</p>',
      createdBy: 'test',
    },
    new Date('2026-11-25T02:00:00Z'),
  );
  await communications.create(message);
  return message.communicationId;
}

const send = (id: string, ses = sender()) =>
  dispatch(id, 'Email', deps, (c) =>
    ses.send({
      communicationId: c.communicationId,
      to: c.address ?? '',
      subject: c.subject ?? '',
      html: c.contentHtml ?? '',
      text: c.content,
    }),
  );

describe('email dispatch through SES', () => {
  it('retries after throttling and delivers exactly once', async () => {
    // Prepare
    const id = await pendingEmail();
    injected = [sesError('TooManyRequestsException', 'Maximum sending rate exceeded.', 429)];

    // Act
    await expect(send(id)).rejects.toBeInstanceOf(TransientDeliveryError);
    const retried = await send(id);
    const again = await send(id);

    // Assess
    expect(retried).toMatchObject({ outcome: 'sent', providerMessageId: expect.any(String) });
    expect(again).toEqual({ outcome: 'already-handled', status: 'Sent' });
    expect((await storedEmails()).filter((email) => email.subject === `Update ${counter}`)).toHaveLength(1);
    expect((await communications.get(id))?.statusHistory.map((h) => h.status)).toEqual([
      'Pending',
      'Sending',
      'Sending',
      'Sent',
    ]);
  });

  it('records a permanent rejection as Failed with the reason, and never retries it', async () => {
    const id = await pendingEmail();
    injected = [sesError('MessageRejected', 'Email address is not verified.', 400)];

    const result = await send(id);

    expect(result).toEqual({
      outcome: 'failed',
      reason: 'SES MessageRejected: Email address is not verified.',
    });
    expect(await send(id)).toEqual({ outcome: 'already-handled', status: 'Failed' });
    expect(await communications.get(id)).toMatchObject({
      status: 'Failed',
      statusReason: 'SES MessageRejected: Email address is not verified.',
    });
    expect((await storedEmails()).filter((email) => email.subject === `Update ${counter}`)).toHaveLength(0);
  });

  it('treats a 5xx from SES as transient', async () => {
    const id = await pendingEmail();
    injected = [sesError('InternalFailure', 'Service unavailable', 503)];

    await expect(send(id)).rejects.toBeInstanceOf(TransientDeliveryError);
    expect(await send(id)).toMatchObject({ outcome: 'sent' });
  });

  it('sends once when two dispatchers get the same message at the same time', async () => {
    const id = await pendingEmail();

    // The others find the claim taken and ask to be retried (a later delivery sees Sent, or takes over a dead claim).
    const settled = await Promise.allSettled([send(id), send(id), send(id)]);
    const results = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));

    expect(results.filter((result) => result.outcome === 'sent')).toHaveLength(1);
    expect((await storedEmails()).filter((email) => email.subject === `Update ${counter}`)).toHaveLength(1);
  });
});
