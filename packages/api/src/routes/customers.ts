import { NotFoundError, requireRole } from '@import-comms/core';
import type { ApiDependencies } from '../app/dependencies.js';
import { readPreferences, updatePreferences } from '../app/update-preferences.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, conflict, json, jsonBody, notFound, security } from '../schemas/common.js';
import { CommunicationFiltersSchema, CommunicationPageSchema } from '../schemas/communications.js';
import {
  CustomerListSchema,
  CustomerParamSchema,
  CustomerSchema,
  CustomerSearchSchema,
  PreferenceHistorySchema,
  PreferencesSchema,
  PreferencesUpdateSchema,
  VehicleListSchema,
  VehicleParamSchema,
  VehicleSchema,
} from '../schemas/customers.js';
import * as z from '../schemas/zod.js';
import { toQuery } from './communications.js';

const HistoryFiltersSchema = z.omit(CommunicationFiltersSchema, { customerId: true, vehicleId: true });

/** `/customers`: finding customers, one customer, their vehicles, history and preferences. */
export function customerRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['customers'],
      summary: 'Find customers by name, id, email or phone',
      security,
      request: { query: CustomerSearchSchema },
      responses: { 200: json(CustomerListSchema, 'Matching customers, by last name.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading customers');
      const { q, limit } = c.req.valid('query');
      return c.json({ items: await deps.customers.searchCustomers(q, limit) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{customerId}/vehicles',
      tags: ['customers'],
      summary: "A customer's vehicles with their current import stage",
      security,
      request: { params: CustomerParamSchema },
      responses: { 200: json(VehicleListSchema, 'The vehicles.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading customers');
      const { customerId } = c.req.valid('param');
      if (!(await deps.customers.getContact(customerId)))
        throw new NotFoundError(`customer ${customerId} does not exist`);
      return c.json({ items: await deps.customers.listVehicles(customerId) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{customerId}',
      tags: ['customers'],
      summary: 'A customer as known from the CRM',
      security,
      request: { params: CustomerParamSchema },
      responses: { 200: json(CustomerSchema, 'The customer.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading customers');
      const { customerId } = c.req.valid('param');
      const contact = await deps.customers.getContact(customerId);
      if (!contact) throw new NotFoundError(`customer ${customerId} does not exist`);
      return c.json(contact, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{customerId}/communications',
      tags: ['customers'],
      summary: "A customer's history: messages, calls and meetings, newest first",
      security,
      request: { params: CustomerParamSchema, query: HistoryFiltersSchema },
      responses: { 200: json(CommunicationPageSchema, 'A page of the timeline.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the log');
      const { customerId } = c.req.valid('param');
      return c.json(
        await deps.communications.list(toQuery({ ...c.req.valid('query'), customerId }, deps.clock.now())),
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{customerId}/preferences',
      tags: ['preferences'],
      summary: 'Channels, opt-outs, quiet hours and language (defaults while none are set)',
      security,
      request: { params: CustomerParamSchema },
      responses: { 200: json(PreferencesSchema, 'The preferences.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading preferences');
      return c.json(await readPreferences(c.req.valid('param').customerId, deps), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/{customerId}/preferences',
      tags: ['preferences'],
      summary: 'Change preferences (recorded with who and when)',
      description:
        'Send the revision you read: a change someone made meanwhile answers 409. Removing a suppressed address ' +
        '(hard bounce, complaint) needs the admin role.',
      security,
      request: { params: CustomerParamSchema, ...jsonBody(PreferencesUpdateSchema) },
      responses: { 200: json(PreferencesSchema, 'Saved.'), ...commonErrors, ...notFound, ...conflict },
    }),
    async (c) => {
      const { customerId } = c.req.valid('param');
      return c.json(await updatePreferences(customerId, c.req.valid('json'), c.get('actor'), deps), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{customerId}/preferences/history',
      tags: ['preferences'],
      summary: 'Every change of preferences, newest first (the consent record)',
      security,
      request: {
        params: CustomerParamSchema,
        query: z.object({
          limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 50),
        }),
      },
      responses: { 200: json(PreferenceHistorySchema, 'The changes.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading preferences');
      const { customerId } = c.req.valid('param');
      await readPreferences(customerId, deps);
      return c.json(
        { items: await deps.customers.listPreferenceHistory(customerId, c.req.valid('query').limit) },
        200,
      );
    },
  );
  return app;
}

/** `/vehicles`: one vehicle and its history. */
export function vehicleRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{vehicleId}',
      tags: ['vehicles'],
      summary: 'A vehicle with its current import stage',
      security,
      request: { params: VehicleParamSchema },
      responses: { 200: json(VehicleSchema, 'The vehicle.'), ...commonErrors, ...notFound },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading vehicles');
      const { vehicleId } = c.req.valid('param');
      const vehicle = await deps.customers.getVehicle(vehicleId);
      if (!vehicle) throw new NotFoundError(`vehicle ${vehicleId} does not exist`);
      return c.json(vehicle, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/{vehicleId}/communications',
      tags: ['vehicles'],
      summary: "A vehicle's history, newest first",
      security,
      request: { params: VehicleParamSchema, query: HistoryFiltersSchema },
      responses: { 200: json(CommunicationPageSchema, 'A page of the timeline.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'reading the log');
      const { vehicleId } = c.req.valid('param');
      return c.json(
        await deps.communications.list(toQuery({ ...c.req.valid('query'), vehicleId }, deps.clock.now())),
        200,
      );
    },
  );
  return app;
}
