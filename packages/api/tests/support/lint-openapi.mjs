// Lints an OpenAPI document (a file path as the argument) with Redocly's recommended rules and prints the
// problems as JSON. A separate process because @redocly/openapi-core is an ES module the tests cannot require.
import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const file = process.argv[2];
const config = await createConfig({ extends: ['recommended'] });
const problems = await lintFromString({ source: readFileSync(file, 'utf8'), absoluteRef: file, config });
process.stdout.write(
  JSON.stringify(
    problems.map((problem) => ({
      rule: problem.ruleId,
      severity: problem.severity,
      message: problem.message,
      where: problem.location?.[0]?.pointer,
    })),
  ),
);
