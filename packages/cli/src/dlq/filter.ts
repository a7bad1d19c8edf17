import { JSONPath } from 'jsonpath-plus';
import { CliError } from '../io.js';

/** Which DLQ messages a command takes: all, those whose body contains a text, or those a JSONPath selects in. */
export type MessageFilter = (body: string) => boolean;

/**
 * `--filter CU-2001` matches bodies containing the text; `--filter '$.detail.customerId'` matches bodies where
 * the path selects something; `--filter "$[?(@.detail.toStage=='SHIPPED')]"` matches bodies the filter keeps.
 */
export function parseFilter(expression: string | undefined): MessageFilter {
  if (!expression) return () => true;
  if (!expression.startsWith('$')) return (body) => body.includes(expression);
  try {
    // Evaluating against a list with an object runs filter expressions too, so their syntax is checked.
    JSONPath({ path: expression, json: [{}], wrap: true });
  } catch (error) {
    throw new CliError(`--filter is not a valid JSONPath: ${(error as Error).message}`, 2);
  }
  return (body) => {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return false;
    }
    const select = (target: unknown) =>
      (JSONPath({ path: expression, json: target as object, wrap: true }) as unknown[]).length > 0;
    // A filter expression applies to children: try the body itself, then the body as the one child of a list.
    return select(json) || select([json]);
  };
}
