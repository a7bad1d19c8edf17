import {
  DescribeEventBusCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListEventBusesCommand,
  ListRulesCommand,
  ListTargetsByRuleCommand,
  RemovePermissionCommand,
} from '@aws-sdk/client-eventbridge';
import { TOPOLOGY } from '@import-comms/aws';
import { type RuntimeProcess, startRuntimeProcess } from './support/runtime-process.js';

/** The local bus inspected with the real SDK, as the AWS CLI and tools inspect a deployed one. */
let runtime: RuntimeProcess;
let events: EventBridgeClient;

beforeAll(async () => {
  runtime = await startRuntimeProcess({ args: ['--in-memory', '--emulators-only'] });
  events = new EventBridgeClient({
    endpoint: runtime.endpoint('IMPORT_COMMS_EVENTBRIDGE_PORT'),
    region: 'ap-southeast-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}, 90_000);

afterAll(async () => {
  events?.destroy();
  await runtime?.stop();
});

const [rule] = TOPOLOGY.rules;
if (!rule) throw new Error('the topology has no rule');

describe('inspecting the local EventBridge', () => {
  it('lists the default bus and the system bus, and describes each', async () => {
    const buses = await events.send(new ListEventBusesCommand({}));
    expect(buses.EventBuses?.map((bus) => bus.Name).sort()).toEqual(
      ['default', TOPOLOGY.eventBusName].sort(),
    );
    const bus = await events.send(new DescribeEventBusCommand({ Name: TOPOLOGY.eventBusName }));
    expect(bus).toMatchObject({
      Name: TOPOLOGY.eventBusName,
      Arn: `arn:aws:events:ap-southeast-2:000000000000:event-bus/${TOPOLOGY.eventBusName}`,
    });
    expect((await events.send(new ListEventBusesCommand({ NamePrefix: 'imp' }))).EventBuses).toHaveLength(1);
  });

  it("lists the topology's rules on the system bus, with their patterns, and none on the default bus", async () => {
    const listed = await events.send(new ListRulesCommand({ EventBusName: TOPOLOGY.eventBusName }));
    expect(
      listed.Rules?.map((item) => ({ name: item.Name, pattern: JSON.parse(item.EventPattern ?? '{}') })),
    ).toEqual(TOPOLOGY.rules.map((item) => ({ name: item.name, pattern: item.eventPattern })));
    expect((await events.send(new ListRulesCommand({}))).Rules).toEqual([]);
  });

  it('describes a rule and lists its target: the queue it feeds', async () => {
    const described = await events.send(
      new DescribeRuleCommand({ Name: rule.name, EventBusName: TOPOLOGY.eventBusName }),
    );
    expect(described).toMatchObject({ Name: rule.name, State: 'ENABLED', Description: rule.description });
    const targets = await events.send(
      new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: TOPOLOGY.eventBusName }),
    );
    expect(targets.Targets).toEqual([
      { Id: rule.target, Arn: expect.stringMatching(/^arn:aws:sqs:.*:import-comms-trigger$/) },
    ]);
  });

  it('answers an unknown rule or bus as AWS does, and an operation it does not implement clearly', async () => {
    await expect(
      events.send(new DescribeRuleCommand({ Name: 'no-such-rule', EventBusName: TOPOLOGY.eventBusName })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: `Rule no-such-rule does not exist on EventBus ${TOPOLOGY.eventBusName}.`,
    });
    await expect(events.send(new ListRulesCommand({ EventBusName: 'nowhere' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Event bus nowhere does not exist.',
    });
    await expect(events.send(new RemovePermissionCommand({ StatementId: 'x' }))).rejects.toMatchObject({
      name: 'UnknownOperationException',
    });
  });
});
