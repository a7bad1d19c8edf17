import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '@import-comms/aws';
import { createApi } from '../api.js';
import type { ApiDependencies } from '../app/dependencies.js';

/**
 * Writes the OpenAPI document the API serves (`/api/openapi.json`) to `packages/api/openapi.json`, from which the
 * web UI's API types are generated (`npm run api:types`). The routes only describe themselves here: none runs,
 * so their dependencies are never reached.
 */
const unused = {} as ApiDependencies;
const app = createApi({
  deps: unused,
  verifyToken: async () => {
    throw new Error('no request is served');
  },
  logger: createLogger({ serviceName: 'write-openapi' }),
});
const response = await app.request('/api/openapi.json');
const document = await response.json();
const target = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi.json');
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${path.relative(process.cwd(), target)}\n`);
