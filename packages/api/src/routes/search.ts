import { fullName, requireRole } from '@import-comms/core';
import type { ApiDependencies } from '../app/dependencies.js';
import { type ApiRouter, createRoute, createRouter } from '../http/router.js';
import { commonErrors, json, security } from '../schemas/common.js';
import { SearchQuerySchema, SearchResultsSchema } from '../schemas/search.js';

/** `/search`: the one search box — customers, vehicles and messages at once (docs/adr/0022-search-index.md). */
export function searchRoutes(deps: ApiDependencies): ApiRouter {
  const app = createRouter();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/',
      tags: ['search'],
      summary: 'Customers, vehicles and messages matching words, grouped',
      security,
      request: { query: SearchQuerySchema },
      responses: { 200: json(SearchResultsSchema, 'What matches, in three groups.'), ...commonErrors },
    }),
    async (c) => {
      requireRole(c.get('actor'), 'agent', 'searching');
      const { q, limit } = c.req.valid('query');
      const [customers, vehicles, communications] = await Promise.all([
        deps.customers.searchCustomers(q, limit),
        deps.customers.searchVehicles(q, limit),
        deps.communications.list({ q, limit }),
      ]);
      // A vehicle is read with its owner's name; the owners of one page are few and read at once.
      const owners = new Map(
        await Promise.all(
          [...new Set(vehicles.map((vehicle) => vehicle.customerId))].map(
            async (customerId) => [customerId, await deps.customers.getContact(customerId)] as const,
          ),
        ),
      );
      return c.json(
        {
          customers,
          vehicles: vehicles.map((vehicle) => {
            const owner = owners.get(vehicle.customerId);
            return { ...vehicle, ...(owner ? { customerName: fullName(owner) } : {}) };
          }),
          communications: communications.items,
        },
        200,
      );
    },
  );
  return app;
}
