import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel, Clock, SendRateLimiter } from '@import-comms/core';
import { isConditionalFailure } from './conditional.js';

export interface SendRateOptions {
  /** Sends a second the provider allows for the channel (SES: the account's MaxSendRate). */
  rateFor: (channel: Channel) => Promise<number>;
  /** The furthest turn a send waits for; a later one is put off (re-queued) instead of held. */
  horizonSeconds: number;
  clock: Clock;
  /** How a turn is waited for (a timer; tests may hurry it). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * One sending schedule per channel in the table, shared by every dispatcher: each send takes the next turn,
 * 1/rate seconds after the one before, so the sends of all instances together never go faster than the rate.
 * The sends of one instance that ask together (a batch) take consecutive turns with one write in the common case
 * (two when the schedule changes between idle and busy): an idle schedule starts at now; a busy one hands out
 * its next turns with an atomic increment, unless they begin beyond the horizon. No read, no retry loop,
 * however many dispatchers ask.
 */
export class DynamoSendRateLimiter implements SendRateLimiter {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: SendRateOptions,
  ) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async acquire(
    channel: Channel,
  ): Promise<{ granted: true } | { granted: false; retryAfterSeconds: number }> {
    const rate = await this.options.rateFor(channel);
    if (!(rate > 0)) return { granted: true };
    const interval = Math.ceil(1000 / rate);
    const now = this.options.clock.now().getTime();
    const turn = await this.requestTurn(channel, interval);
    // No turn within the horizon (none was taken, so the schedule has no gaps): put off for about that long.
    if (turn === undefined) return { granted: false, retryAfterSeconds: this.options.horizonSeconds };
    const wait = turn - now;
    if (wait > 0) await this.sleep(wait);
    return { granted: true };
  }

  /** Sends of this instance waiting for the same write, by channel (a batch's records ask at once). */
  private readonly waiting = new Map<
    Channel,
    { resolve: (turn: number | undefined) => void; reject: (error: unknown) => void }[]
  >();

  /**
   * One write takes consecutive turns for every send of this instance that asks in the same tick: a batch of ten
   * records costs one write, not ten.
   */
  private requestTurn(channel: Channel, interval: number): Promise<number | undefined> {
    return new Promise((resolve, reject) => {
      let group = this.waiting.get(channel);
      if (!group) {
        group = [];
        this.waiting.set(channel, group);
        setImmediate(() => void this.takeTurnsFor(channel, interval));
      }
      group.push({ resolve, reject });
    });
  }

  private async takeTurnsFor(channel: Channel, interval: number): Promise<void> {
    const group = this.waiting.get(channel) ?? [];
    this.waiting.delete(channel);
    try {
      // Neither write fits when the next turn is beyond the horizon — or when another dispatcher's write moved
      // the schedule between ours: asked again with the time of then, a lost race finds its turn.
      let first: number | undefined;
      for (let round = 0; round < 3 && first === undefined; round += 1) {
        const now = this.options.clock.now().getTime();
        first = await this.takeTurns(
          channel,
          now,
          interval,
          group.length,
          now + this.options.horizonSeconds * 1000,
        );
      }
      group.forEach((waiter, index) => {
        waiter.resolve(first === undefined ? undefined : first + index * interval);
      });
    } catch (error) {
      for (const waiter of group) waiter.reject(error);
    }
  }

  /** Which write to try first: the one that succeeded last time (busy under load, idle when quiet). */
  private busy = new Map<Channel, boolean>();

  /**
   * The time (epoch ms) of the first of `count` consecutive turns, or undefined when the next turn is later than
   * `latest`.
   */
  private async takeTurns(
    channel: Channel,
    now: number,
    interval: number,
    count: number,
    latest: number,
  ): Promise<number | undefined> {
    const Key = { PK: `SENDRATE#${channel}`, SK: 'SCHEDULE' };
    // Idle (no turn handed out at or after now): these sends go from now, the next one after them.
    const idle = async () => {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'SET nextTurn = :next',
          ConditionExpression: 'attribute_not_exists(nextTurn) OR nextTurn <= :now',
          ExpressionAttributeValues: { ':next': now + count * interval, ':now': now },
        }),
      );
      return now;
    };
    // Busy: take the next turns and move the schedule on past them, atomically — unless the first is beyond the
    // horizon, so sends that will not wait for it take nothing.
    const busy = async () => {
      const taken = await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key,
          UpdateExpression: 'ADD nextTurn :interval',
          ConditionExpression: 'nextTurn > :now AND nextTurn <= :latest',
          ExpressionAttributeValues: { ':interval': count * interval, ':now': now, ':latest': latest },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return Number(taken.Attributes?.nextTurn ?? now);
    };
    // The write that fits the schedule's state succeeds; trying first the one that fitted last time makes one
    // write per batch the common case, under load and when quiet alike.
    const order = this.busy.get(channel) ? [busy, idle] : [idle, busy];
    for (const attempt of order) {
      try {
        const turn = await attempt();
        this.busy.set(channel, attempt === busy);
        return turn;
      } catch (error) {
        if (!isConditionalFailure(error)) throw error;
      }
    }
    return undefined;
  }
}
