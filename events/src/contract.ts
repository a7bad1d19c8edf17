import type * as z from 'zod/mini';

/** One versioned event contract: where it comes from, what it is called, and the shape of its detail. */
export interface EventContract<Schema extends z.ZodMiniType = z.ZodMiniType> {
  /** kebab-case name plus version, e.g. `import-stage-changed.v1`; names schema and example files. */
  readonly id: string;
  readonly source: string;
  readonly detailType: string;
  readonly version: number;
  readonly description: string;
  readonly schema: Schema;
}

interface ContractModule<Schema extends z.ZodMiniType> {
  source: string;
  detailType: string;
  version: number;
  description: string;
  schema: Schema;
}

export function contractOf<Schema extends z.ZodMiniType>(
  module: ContractModule<Schema>,
): EventContract<Schema> {
  const kebab = module.detailType.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    id: `${kebab}.v${module.version}`,
    source: module.source,
    detailType: module.detailType,
    version: module.version,
    description: module.description,
    schema: module.schema,
  };
}
