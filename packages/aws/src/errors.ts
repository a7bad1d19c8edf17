/** Base of every adapter error; `cause` carries the SDK error when there is one. */
export class AdapterError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A batch call kept returning unprocessed items after every retry. */
export class UnprocessedItemsError extends AdapterError {}

// Query mistakes are the caller's, said in the domain's terms: the adapters raise core's errors for them.
export { InvalidCursorError, InvalidQueryError } from '@import-comms/core';
