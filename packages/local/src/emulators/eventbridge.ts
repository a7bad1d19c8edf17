import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Topology } from '@import-comms/aws';
import { compilePattern, InvalidEventPatternError, testEventPattern } from '@import-comms/event-pattern';
import type { RuntimeConfig } from '../config.js';
import { BodyTooLargeError, readBody, sendJson } from './http.js';
import { type Listening, listen } from './listen.js';
import type { QueueUrls } from './sqs.js';

const JSON_11 = 'application/x-amz-json-1.1';
const MAX_ENTRIES = 10;
/** PutEvents limit on the whole request, as AWS computes it (UTF-8 bytes of the entries). */
const MAX_REQUEST_BYTES = 256 * 1024;
export const LOCAL_ACCOUNT = '000000000000';
const RECENT_EVENTS = 1000;

interface PutEventsEntry {
  Source?: unknown;
  DetailType?: unknown;
  Detail?: unknown;
  EventBusName?: unknown;
  Resources?: unknown;
  Time?: unknown;
}

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface RoutedEvent {
  eventId: string;
  rule: string;
  queue: string;
}

export interface EventBridgeOptions {
  config: RuntimeConfig;
  topology: Topology;
  queues: QueueUrls;
  sqs: SQSClient;
  onRouted?: (routed: RoutedEvent) => void;
  /** Every event put on the system's bus, before it is routed (the local change feed listens). */
  onEvent?: (envelope: Record<string, unknown>) => void;
  onError?: (message: string, error: unknown) => void;
}

function awsError(response: ServerResponse, status: number, type: string, message: string): void {
  sendJson(response, status, { __type: type, message }, JSON_11);
}

/**
 * A local EventBridge speaking the real API (JSON 1.1): `PutEvents` validates entries like AWS, answers per entry,
 * and delivers each event to the targets of the topology's rules whose pattern matches, in EventBridge's
 * envelope; `TestEventPattern`; and the inspection calls (`ListEventBuses`, `DescribeEventBus`, `ListRules`,
 * `DescribeRule`, `ListTargetsByRule`) answered from the topology. Anything else: `UnknownOperationException`.
 */
export async function startEventBridge(options: EventBridgeOptions): Promise<Listening> {
  const { config, topology, queues, sqs } = options;
  const rules = topology.rules.map((rule) => ({ ...rule, compiled: compilePattern(rule.eventPattern) }));
  const knownBuses = new Set(['default', topology.eventBusName]);
  /** The latest events put on the bus, newest last: `GET /events` shows them (a local convenience, not an AWS API). */
  const recent: Record<string, unknown>[] = [];

  async function route(envelope: Record<string, unknown>, busName: string): Promise<void> {
    recent.push({ ...envelope, 'event-bus-name': busName });
    if (recent.length > RECENT_EVENTS) recent.splice(0, recent.length - RECENT_EVENTS);
    if (busName !== topology.eventBusName) return;
    options.onEvent?.(envelope);
    for (const rule of rules) {
      if (!rule.compiled.matches(envelope)) continue;
      const queue = queues[rule.target];
      if (!queue) continue;
      try {
        await sqs.send(
          new SendMessageCommand({ QueueUrl: queue.url, MessageBody: JSON.stringify(envelope) }),
        );
        options.onRouted?.({ eventId: String(envelope.id), rule: rule.name, queue: rule.target });
      } catch (error) {
        options.onError?.(`rule ${rule.name} could not deliver event ${String(envelope.id)}`, error);
      }
    }
  }

  function validateEntry(
    entry: PutEventsEntry,
  ): { error: EntryResult } | { envelope: Record<string, unknown>; bus: string } {
    const bus = entry.EventBusName === undefined ? 'default' : entry.EventBusName;
    if (typeof bus !== 'string' || !knownBuses.has(bus.split('/').at(-1) ?? '')) {
      return {
        error: {
          ErrorCode: 'ResourceNotFoundException',
          ErrorMessage: `Event bus ${String(bus)} does not exist.`,
        },
      };
    }
    for (const field of ['Source', 'DetailType', 'Detail'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '') {
        return {
          error: {
            ErrorCode: 'InvalidArgument',
            ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
          },
        };
      }
    }
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail as string);
    } catch {
      return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      return { error: { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' } };
    }
    const time = entry.Time === undefined ? new Date() : new Date(entry.Time as string | number);
    if (Number.isNaN(time.getTime())) {
      return { error: { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Time is not valid.' } };
    }
    const resources = Array.isArray(entry.Resources)
      ? entry.Resources.filter((r) => typeof r === 'string')
      : [];
    return {
      bus: bus.split('/').at(-1) ?? bus,
      envelope: {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType,
        source: entry.Source,
        account: LOCAL_ACCOUNT,
        time: time.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        region: config.region,
        resources,
        detail,
      },
    };
  }

  async function putEvents(body: { Entries?: unknown }, response: ServerResponse): Promise<void> {
    const entries = body.Entries;
    if (!Array.isArray(entries) || entries.length === 0) {
      return awsError(
        response,
        400,
        'ValidationException',
        "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null",
      );
    }
    if (entries.length > MAX_ENTRIES) {
      return awsError(
        response,
        400,
        'ValidationException',
        `1 validation error detected: Value '[${entries.length} entries]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
      );
    }
    if (Buffer.byteLength(JSON.stringify(entries)) > MAX_REQUEST_BYTES) {
      return awsError(
        response,
        400,
        'ValidationException',
        'Total size of the entries in the request is over the limit.',
      );
    }
    const results: EntryResult[] = [];
    for (const entry of entries as PutEventsEntry[]) {
      const checked = validateEntry(entry);
      if ('error' in checked) {
        results.push(checked.error);
        continue;
      }
      await route(checked.envelope, checked.bus);
      results.push({ EventId: String(checked.envelope.id) });
    }
    sendJson(
      response,
      200,
      { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results },
      JSON_11,
    );
  }

  function testPattern(body: { EventPattern?: unknown; Event?: unknown }, response: ServerResponse): void {
    if (typeof body.EventPattern !== 'string' || typeof body.Event !== 'string') {
      awsError(response, 400, 'ValidationException', 'EventPattern and Event are required strings.');
      return;
    }
    try {
      sendJson(response, 200, { Result: testEventPattern(body.EventPattern, body.Event) }, JSON_11);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) awsError(response, 400, error.code, error.message);
      else
        awsError(
          response,
          400,
          'InvalidEventPatternException',
          `Event is not valid JSON: ${(error as Error).message}`,
        );
    }
  }

  // The bus and its rules as the topology defines them, answered as AWS describes a deployed bus: so the AWS CLI
  // and SDK can inspect the local bus (`aws events list-rules --event-bus-name import-events`).
  const account = '000000000000';
  const busArn = (name: string) => `arn:aws:events:${config.region}:${account}:event-bus/${name}`;
  const ruleArn = (name: string) =>
    `arn:aws:events:${config.region}:${account}:rule/${topology.eventBusName}/${name}`;
  const describeRule = (rule: (typeof rules)[number]) => ({
    Name: rule.name,
    Arn: ruleArn(rule.name),
    EventPattern: JSON.stringify(rule.eventPattern),
    State: 'ENABLED',
    Description: rule.description,
    EventBusName: topology.eventBusName,
  });
  type Inspection = (
    body: Record<string, unknown>,
  ) => { body: Record<string, unknown> } | { error: { type: string; message: string } };
  const busNamed = (value: unknown): string | undefined => {
    const name = typeof value === 'string' ? (value.split('/').at(-1) ?? '') : 'default';
    return knownBuses.has(name) ? name : undefined;
  };
  const noBus = (value: unknown) => ({
    error: { type: 'ResourceNotFoundException', message: `Event bus ${String(value)} does not exist.` },
  });
  const rulesOn = (body: Record<string, unknown>) => {
    const bus = busNamed(body.EventBusName);
    return bus === undefined ? undefined : bus === topology.eventBusName ? rules : [];
  };
  const ruleNamed = (body: Record<string, unknown>, field: 'Name' | 'Rule') => {
    const onBus = rulesOn(body);
    if (!onBus) return noBus(body.EventBusName);
    const rule = onBus.find((candidate) => candidate.name === body[field]);
    if (rule) return { rule };
    return {
      error: {
        type: 'ResourceNotFoundException',
        message: `Rule ${String(body[field])} does not exist on EventBus ${busNamed(body.EventBusName) ?? 'default'}.`,
      },
    };
  };
  const INSPECTIONS: Record<string, Inspection> = {
    'AWSEvents.ListEventBuses': (body) => ({
      body: {
        EventBuses: [...knownBuses]
          .filter((name) => typeof body.NamePrefix !== 'string' || name.startsWith(body.NamePrefix))
          .map((name) => ({ Name: name, Arn: busArn(name) })),
      },
    }),
    'AWSEvents.DescribeEventBus': (body) => {
      const bus = busNamed(body.Name);
      return bus === undefined ? noBus(body.Name) : { body: { Name: bus, Arn: busArn(bus) } };
    },
    'AWSEvents.ListRules': (body) => {
      const onBus = rulesOn(body);
      if (!onBus) return noBus(body.EventBusName);
      return {
        body: {
          Rules: onBus
            .filter((rule) => typeof body.NamePrefix !== 'string' || rule.name.startsWith(body.NamePrefix))
            .map(describeRule),
        },
      };
    },
    'AWSEvents.DescribeRule': (body) => {
      const found = ruleNamed(body, 'Name');
      return 'error' in found ? found : { body: { ...describeRule(found.rule), CreatedBy: account } };
    },
    'AWSEvents.ListTargetsByRule': (body) => {
      const found = ruleNamed(body, 'Rule');
      if ('error' in found) return found;
      const queue = queues[found.rule.target];
      return { body: { Targets: queue ? [{ Id: found.rule.target, Arn: queue.arn }] : [] } };
    },
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = String(request.headers['x-amz-target'] ?? '');
    if (request.method === 'GET' && request.url?.startsWith('/events'))
      return sendJson(response, 200, recent);
    if (request.method !== 'POST')
      return awsError(response, 405, 'UnknownOperationException', 'Only POST is supported.');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(request)) || '{}');
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        return awsError(
          response,
          413,
          'ValidationException',
          'Total size of the entries in the request is over the limit.',
        );
      }
      return awsError(response, 400, 'SerializationException', 'Request body is not valid JSON.');
    }
    if (target === 'AWSEvents.PutEvents') return putEvents(body, response);
    if (target === 'AWSEvents.TestEventPattern') return testPattern(body, response);
    const inspect = INSPECTIONS[target];
    if (inspect) {
      const answer = inspect(body);
      if ('error' in answer) return awsError(response, 400, answer.error.type, answer.error.message);
      return sendJson(response, 200, answer.body, JSON_11);
    }
    return awsError(
      response,
      400,
      'UnknownOperationException',
      `The local EventBridge does not implement ${target || 'this operation'}.`,
    );
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.('EventBridge request failed', error);
      if (!response.headersSent) awsError(response, 500, 'InternalException', 'Internal error.');
    });
  });
  return listen(server, config.host, config.ports.eventbridge, 'EventBridge');
}
