import { completeTask, newTask, reassignTask, snoozeTask, type Task } from '@import-comms/core';
import { DynamoTaskRepository } from '../../src/index.js';
import { createTestTable } from '../support/table.js';

const NOW = new Date('2026-12-01T00:00:00.000Z');
let tasks: DynamoTaskRepository;

beforeAll(async () => {
  const table = await createTestTable();
  tasks = new DynamoTaskRepository(table.documents, table.tableName);
});

let sequence = 0;
function task(overrides: Partial<Parameters<typeof newTask>[0]> = {}): Task {
  sequence++;
  return newTask(
    {
      taskId: `task-${sequence}`,
      title: `Follow up ${sequence}`,
      customerId: 'CU-1',
      vehicleId: 'VH-1',
      assignee: 'ava',
      dueAt: new Date(NOW.getTime() + sequence * 3_600_000),
      createdBy: 'ava',
      ...overrides,
    },
    NOW,
  );
}

describe('follow-up tasks in DynamoDB', () => {
  it('lists open tasks by due time per assignee, done ones latest first, and moves them as they change', async () => {
    const [first, second, third] = [
      task({ assignee: 'rex' }),
      task({ assignee: 'rex' }),
      task({ assignee: 'rex' }),
    ];
    // Created out of order: listed by due time all the same.
    for (const created of [third, first, second]) await tasks.create(created as Task);
    const open = await tasks.listByAssignee('rex', 'Open', 10);
    expect(open.items.map((item) => item.taskId)).toEqual([first, second, third].map((item) => item?.taskId));

    // Snoozed past the others, then done; another one reassigned.
    const snoozed = snoozeTask(first as Task, new Date(NOW.getTime() + 100 * 3_600_000), 'rex', NOW);
    expect(await tasks.save(snoozed)).toEqual({ saved: true });
    expect((await tasks.listByAssignee('rex', 'Open', 10)).items.map((item) => item.taskId)).toEqual(
      [second, third, first].map((item) => item?.taskId),
    );
    const done = completeTask(snoozed, 'rex', new Date(NOW.getTime() + 60_000));
    expect(await tasks.save(done)).toEqual({ saved: true });
    const handedOver = reassignTask(second as Task, 'ava', 'rex', NOW);
    expect(await tasks.save(handedOver)).toEqual({ saved: true });

    expect((await tasks.listByAssignee('rex', 'Open', 10)).items.map((item) => item.taskId)).toEqual([
      third?.taskId,
    ]);
    expect((await tasks.listByAssignee('rex', 'Done', 10)).items).toEqual([done]);
    expect((await tasks.listByAssignee('ava', 'Open', 10)).items.map((item) => item.taskId)).toContain(
      second?.taskId,
    );
    expect((await tasks.get(done.taskId))?.history.map((event) => event.action)).toEqual([
      'created',
      'snoozed',
      'completed',
    ]);
  });

  it('refuses a change made to a version someone else changed first', async () => {
    const original = task();
    await tasks.create(original);
    const mine = completeTask(original, 'ava', NOW);
    const theirs = reassignTask(original, 'sam', 'sam', NOW);
    const results = await Promise.all([tasks.save(mine), tasks.save(theirs)]);
    expect(results.filter((result) => result.saved)).toHaveLength(1);
    expect(results.filter((result) => !result.saved)).toEqual([{ saved: false, reason: 'conflict' }]);
  });

  it('creates once: a repeated create returns the task as stored, changes and all', async () => {
    const original = task();
    expect((await tasks.create(original)).created).toBe(true);
    await tasks.save(completeTask(original, 'ava', NOW));
    const again = await tasks.create(original);
    expect(again.created).toBe(false);
    expect(again.task.status).toBe('Done');
  });

  it('lists an open silence task for the watch once, however often it is created, and not once done', async () => {
    const silent = task({ source: { kind: 'silence', stage: 'SHIPPED', stageSequence: 6 } });
    await tasks.create(silent);
    await tasks.create(silent);
    expect(
      (await tasks.listOpenSilenceTasks(50)).filter((item) => item.taskId === silent.taskId),
    ).toHaveLength(1);
    await tasks.save(completeTask(silent, 'system:silence-watch', NOW));
    // A retried create after it was closed lists nothing again.
    await tasks.create(silent);
    expect((await tasks.listOpenSilenceTasks(50)).map((item) => item.taskId)).not.toContain(silent.taskId);
  });

  it("lists a customer's and a vehicle's tasks, open ones first, always as they stand now", async () => {
    const mine = [task({ customerId: 'CU-9', vehicleId: 'VH-9' }), task({ customerId: 'CU-9' })];
    for (const created of mine) await tasks.create(created);
    await tasks.create(task({ customerId: 'CU-10', vehicleId: 'VH-10' }));
    await tasks.save(completeTask(mine[0] as Task, 'ava', NOW));

    const forCustomer = await tasks.listFor({ customerId: 'CU-9' }, 50);
    expect(forCustomer.map((item) => [item.taskId, item.status])).toEqual([
      [mine[1]?.taskId, 'Open'],
      [mine[0]?.taskId, 'Done'],
    ]);
    expect((await tasks.listFor({ vehicleId: 'VH-9' }, 50)).map((item) => item.taskId)).toEqual([
      mine[0]?.taskId,
    ]);
    expect(await tasks.listFor({ vehicleId: 'VH-404' }, 50)).toEqual([]);
  });

  it('pages an assignee’s list with a cursor that survives time passing', async () => {
    for (let index = 0; index < 5; index++) await tasks.create(task({ assignee: 'pager' }));
    const first = await tasks.listByAssignee('pager', 'Open', 3);
    expect(first.items).toHaveLength(3);
    const second = await tasks.listByAssignee('pager', 'Open', 3, first.cursor);
    expect(second.items).toHaveLength(2);
    expect(new Set([...first.items, ...second.items].map((item) => item.taskId)).size).toBe(5);
    await expect(tasks.listByAssignee('pager', 'Open', 3, 'not-a-cursor')).rejects.toThrow(/cursor/);
  });
});
