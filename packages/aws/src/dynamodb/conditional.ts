import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

export function isConditionalFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

/** Runs a conditional write; answers its response, or `undefined` instead of the failed condition's exception. */
export async function conditionally<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (error) {
    if (isConditionalFailure(error)) return undefined;
    throw error;
  }
}

/** Removes the table's key and index attributes from an item before it leaves the adapter. */
export function withoutStorageAttributes<T>(item: Record<string, unknown>, attributes: readonly string[]): T {
  const copy = { ...item };
  for (const attribute of attributes) delete copy[attribute];
  return copy as T;
}

/**
 * `#name IN (:from0, :from1, …)` for a forward-only state machine: the write applies only from one of the
 * states that may precede the new one. Returns the expression and the values it refers to.
 */
export function inStates(
  attributeName: string,
  states: readonly string[],
): { expression: string; values: Record<string, string> } {
  const values = Object.fromEntries(states.map((state, index) => [`:from${index}`, state]));
  return { expression: `${attributeName} IN (${Object.keys(values).join(', ')})`, values };
}
