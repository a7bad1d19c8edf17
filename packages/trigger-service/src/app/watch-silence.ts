import {
  type Clock,
  type CommunicationRepository,
  type CustomerRepository,
  completeTask,
  latestContact,
  newTask,
  recipientNames,
  SILENCE_WATCH_ACTOR,
  type SilenceWatch,
  type SilenceWatchStore,
  silenceTaskId,
  silenceTaskTitle,
  type Task,
  type TaskRepository,
} from '@import-comms/core';
import type { ImportStage } from '@import-comms/events';

export interface SilenceWatchDependencies {
  communications: CommunicationRepository;
  customers: CustomerRepository;
  tasks: TaskRepository;
  silence: SilenceWatchStore;
  clock: Clock;
}

const DAY_MS = 86_400_000;
/** Per stage and per sweep: a backlog drains over a few sweeps instead of one long one. */
const WATCHES_PER_STAGE = 50;
const OPEN_TASKS_PER_SWEEP = 100;
/** A vehicle's latest communications: contact is rarely further back than this many. */
const TIMELINE_READ = 20;

/**
 * The silence watch (run by the sweeper): per import stage, a vehicle whose customer has not heard from us
 * for longer than the stage allows gets a task for the rep last in touch (or the team's queue) — a task, not a
 * message to the customer. The task closes by itself once a message goes out or the vehicle moves stage. Each
 * step is idempotent: the task's id is the silence's, and a crash half way is redone by the next sweep.
 */
export async function watchSilence(
  deps: SilenceWatchDependencies,
): Promise<{ opened: number; closed: number }> {
  const now = deps.clock.now();
  const closed = await closeAnswered(deps, now);
  const settings = await deps.silence.getSettings();
  let opened = 0;
  for (const [stage, days] of Object.entries(settings.limitsDays) as [ImportStage, number][]) {
    const silentSince = new Date(now.getTime() - days * DAY_MS);
    for (const watch of await deps.silence.silentSince(stage, silentSince, WATCHES_PER_STAGE)) {
      const { at: contactAt, rep } = latestContact(
        (await deps.communications.list({ vehicleId: watch.vehicleId, limit: TIMELINE_READ })).items,
      );
      if (contactAt && contactAt > watch.since) {
        // They heard from us since: the silence counts from then (and may be long enough already).
        await deps.silence.restart(watch, new Date(contactAt));
        if (contactAt > silentSince.toISOString()) continue;
        watch.since = contactAt;
      }
      if (await openTask(deps, watch, days, rep ?? settings.fallbackAssignee, now)) opened++;
      // Reminded: the next reminder comes after as long again without a word.
      await deps.silence.restart(watch, now);
    }
  }
  return { opened, closed };
}

async function openTask(
  deps: SilenceWatchDependencies,
  watch: SilenceWatch,
  days: number,
  assignee: string,
  now: Date,
): Promise<boolean> {
  const [contact, vehicle] = await Promise.all([
    deps.customers.getContact(watch.customerId),
    deps.customers.getVehicle(watch.vehicleId),
  ]);
  const names = contact ? recipientNames(contact, vehicle) : { customerName: watch.customerId };
  const task = newTask(
    {
      taskId: silenceTaskId(watch),
      title: silenceTaskTitle(names.customerName, watch.stage, days),
      note: `Nothing has gone to the customer about this vehicle since ${watch.since.slice(0, 10)}. Send an update or call them.`,
      customerId: watch.customerId,
      vehicleId: watch.vehicleId,
      ...names,
      assignee,
      dueAt: now,
      source: { kind: 'silence', stage: watch.stage, stageSequence: watch.stageSequence },
      createdBy: SILENCE_WATCH_ACTOR,
    },
    now,
  );
  return (await deps.tasks.create(task)).created;
}

/** Open silence tasks whose vehicle heard from us since, or moved stage, are done. */
async function closeAnswered(deps: SilenceWatchDependencies, now: Date): Promise<number> {
  let closed = 0;
  for (const task of await deps.tasks.listOpenSilenceTasks(OPEN_TASKS_PER_SWEEP)) {
    const why = await answered(deps, task);
    if (!why) continue;
    const saved = await deps.tasks.save(completeTask(task, SILENCE_WATCH_ACTOR, now, why));
    if (saved.saved) closed++;
  }
  return closed;
}

async function answered(deps: SilenceWatchDependencies, task: Task): Promise<string | undefined> {
  if (task.source?.kind !== 'silence' || !task.vehicleId) return undefined;
  const vehicle = await deps.customers.getVehicle(task.vehicleId);
  if (!vehicle || vehicle.stageSequence !== task.source.stageSequence)
    return 'the vehicle moved to another stage';
  const { at } = latestContact(
    (await deps.communications.list({ vehicleId: task.vehicleId, limit: TIMELINE_READ })).items,
  );
  return at && at > task.createdAt ? 'the customer heard from us' : undefined;
}
