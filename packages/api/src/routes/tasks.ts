import { InvalidInputError } from '@import-comms/core';
import type { ApiDependencies } from '../app/dependencies.js';
import { changeTask, createTask, getTask, listTasks, type TaskChange } from '../app/tasks.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, notFound, security } from '../schemas/common.js';
import { IdempotencyHeaderSchema } from '../schemas/communications.js';
import {
  NewTaskSchema,
  ReassignSchema,
  SnoozeSchema,
  TaskIdParamSchema,
  TaskListQuerySchema,
  TaskPageSchema,
  TaskSchema,
} from '../schemas/tasks.js';

/** `/tasks`: follow-ups on reps' lists — open one, list them, complete, snooze, reassign, reopen. */
export function taskRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['tasks'],
      summary: "A rep's tasks (by default the caller's), or every task about a customer or a vehicle",
      description:
        'Open tasks come soonest due first; done ones latest first. With customerId or vehicleId: open ones first, ' +
        'then done ones, up to `limit`.',
      security,
      request: { query: TaskListQuerySchema },
      responses: { 200: json(TaskPageSchema, 'A page of tasks.'), ...commonErrors },
    }),
    async (c) => {
      const { customerId, vehicleId, assignee, status, limit, cursor } = c.req.valid('query');
      const filters = [customerId && 'customerId', vehicleId && 'vehicleId', assignee && 'assignee'].filter(
        Boolean,
      );
      if (filters.length > 1)
        throw new InvalidInputError(
          filters.map((path) => ({
            path: String(path),
            message: 'give one of assignee, customerId or vehicleId',
          })),
        );
      const request = customerId
        ? { customerId, limit }
        : vehicleId
          ? { vehicleId, limit }
          : { ...(assignee ? { assignee } : {}), status, limit, ...(cursor ? { cursor } : {}) };
      return c.json(await listTasks(request, c.get('actor'), deps), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/',
      tags: ['tasks'],
      summary: 'Open a follow-up task',
      security,
      request: { ...jsonBody(NewTaskSchema), headers: IdempotencyHeaderSchema },
      responses: {
        201: json(TaskSchema, 'Opened.'),
        200: json(TaskSchema, 'Opened already under this Idempotency-Key.'),
        ...commonErrors,
        ...notFound,
      },
    }),
    async (c) => {
      const key = c.req.valid('header')['idempotency-key'];
      const { task, created } = await createTask(c.req.valid('json'), c.get('actor'), deps, {
        ...(key ? { idempotencyKey: key } : {}),
      });
      return created ? c.json(task, 201) : c.json(task, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      tags: ['tasks'],
      summary: 'One task with its history',
      security,
      request: { params: TaskIdParamSchema },
      responses: { 200: json(TaskSchema, 'The task.'), ...commonErrors, ...notFound },
    }),
    async (c) => c.json(await getTask(c.req.valid('param').id, c.get('actor'), deps), 200),
  );

  const change = (action: 'complete' | 'reopen', summary: string) =>
    createRoute({
      method: 'post',
      path: `/{id}/${action}`,
      tags: ['tasks'],
      summary,
      security,
      request: { params: TaskIdParamSchema },
      responses: {
        200: json(TaskSchema, 'The task as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    });
  for (const [action, summary] of [
    ['complete', 'Mark a task done'],
    ['reopen', 'Open a done task again'],
  ] as const) {
    app.openapi(change(action, summary), async (c) =>
      c.json(await changeTask(c.req.valid('param').id, { action } as TaskChange, c.get('actor'), deps), 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/snooze',
      tags: ['tasks'],
      summary: 'Make a task due later',
      security,
      request: { params: TaskIdParamSchema, ...jsonBody(SnoozeSchema) },
      responses: {
        200: json(TaskSchema, 'The task as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) => {
      const { until } = c.req.valid('json');
      return c.json(
        await changeTask(c.req.valid('param').id, { action: 'snooze', until }, c.get('actor'), deps),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/{id}/reassign',
      tags: ['tasks'],
      summary: "Move a task to another rep's list",
      security,
      request: { params: TaskIdParamSchema, ...jsonBody(ReassignSchema) },
      responses: {
        200: json(TaskSchema, 'The task as it now stands.'),
        ...commonErrors,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) => {
      const { assignee } = c.req.valid('json');
      return c.json(
        await changeTask(c.req.valid('param').id, { action: 'reassign', assignee }, c.get('actor'), deps),
        200,
      );
    },
  );
  return app;
}
