import * as z from 'zod/mini';
import { findTrigger, type TriggerDefinition } from './triggers.js';

/** One variable a template may use, e.g. `event.stageData.vesselName`. */
export interface CatalogueVariable {
  path: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array';
  /** `date-time`, `date`, `email`… when the value has a known format. */
  format?: string;
  /** Allowed values of an enumerated field. */
  values?: readonly string[];
  description?: string;
  /** May be absent: use it inside `{% if %}` or with `| default`. */
  optional: boolean;
}

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
};

const CUSTOMER: CatalogueVariable[] = [
  { path: 'customer', type: 'object', optional: false },
  { path: 'customer.firstName', type: 'string', optional: false },
  { path: 'customer.lastName', type: 'string', optional: false },
  { path: 'customer.fullName', type: 'string', optional: false, description: 'First and last name' },
  { path: 'customer.email', type: 'string', format: 'email', optional: true },
  { path: 'customer.phone', type: 'string', description: 'E.164 mobile number', optional: true },
  { path: 'customer.language', type: 'string', description: 'BCP 47 language tag', optional: false },
  { path: 'customer.timezone', type: 'string', description: 'IANA time zone', optional: false },
];

const VEHICLE: CatalogueVariable[] = [
  { path: 'vehicle', type: 'object', optional: false },
  {
    path: 'vehicle.description',
    type: 'string',
    optional: false,
    description: 'Year, make and model, e.g. "2021 Toyota Land Cruiser 70"',
  },
  { path: 'vehicle.make', type: 'string', optional: true },
  { path: 'vehicle.model', type: 'string', optional: true },
  { path: 'vehicle.year', type: 'integer', optional: true },
  { path: 'vehicle.vin', type: 'string', optional: true },
  { path: 'vehicle.chassisNumber', type: 'string', optional: true },
  { path: 'vehicle.colour', type: 'string', optional: true },
  { path: 'vehicle.stage', type: 'string', optional: true, description: 'Current import stage' },
];

const COMPANY: CatalogueVariable[] = [
  { path: 'company', type: 'object', optional: false },
  { path: 'company.name', type: 'string', optional: false },
  { path: 'company.phone', type: 'string', optional: false },
  { path: 'company.email', type: 'string', format: 'email', optional: false },
  { path: 'company.website', type: 'string', optional: false },
  { path: 'company.portalUrl', type: 'string', optional: false },
];

const LINKS = (hasVehicle: boolean): CatalogueVariable[] => [
  { path: 'links', type: 'object', optional: false },
  { path: 'links.portal', type: 'string', optional: false, description: 'Customer portal' },
  ...(hasVehicle
    ? [
        {
          path: 'links.vehicle',
          type: 'string' as const,
          optional: false,
          description: "The vehicle's page in the portal",
        },
      ]
    : []),
  {
    path: 'links.preferences',
    type: 'string',
    optional: false,
    description: 'Where the customer manages preferences',
  },
];

function jsonType(schema: JsonSchema): CatalogueVariable['type'] {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean' || type === 'array')
    return type;
  return 'object';
}

/** Flattens a JSON Schema into variable paths; `anyOf [X, null]` counts as an optional X. */
function walk(schema: JsonSchema, path: string, optional: boolean, into: CatalogueVariable[]): void {
  const nonNull = schema.anyOf?.filter((option) => option.type !== 'null');
  if (nonNull && nonNull.length === 1 && nonNull[0]) {
    walk({ ...nonNull[0], description: schema.description ?? nonNull[0].description }, path, true, into);
    return;
  }
  const values = schema.enum?.filter((value): value is string => typeof value === 'string');
  into.push({
    path,
    type: jsonType(schema),
    optional,
    ...(schema.format ? { format: schema.format } : {}),
    ...(values && values.length > 0 ? { values } : {}),
    ...(schema.description ? { description: schema.description } : {}),
  });
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    walk(child, `${path}.${name}`, optional || !(schema.required ?? []).includes(name), into);
  }
}

const cache = new Map<string, CatalogueVariable[]>();

/**
 * The variables a template of this trigger may use: the event's detail (derived from its zod contract),
 * the customer, the vehicle when the event is about one, company details and links.
 */
export function variableCatalogue(trigger: TriggerDefinition): CatalogueVariable[] {
  const cached = cache.get(trigger.id);
  if (cached) return cached;
  const variables: CatalogueVariable[] = [];
  if (trigger.contract) {
    const schema = z.toJSONSchema(trigger.contract.schema, {
      io: 'output',
      unrepresentable: 'any',
    }) as JsonSchema;
    walk(schema, 'event', false, variables);
  }
  variables.push(
    ...CUSTOMER,
    ...(trigger.hasVehicle ? VEHICLE : []),
    ...COMPANY,
    ...LINKS(trigger.hasVehicle),
  );
  cache.set(trigger.id, variables);
  return variables;
}

export function variableCatalogueFor(triggerId: string): CatalogueVariable[] | undefined {
  const trigger = findTrigger(triggerId);
  return trigger ? variableCatalogue(trigger) : undefined;
}
