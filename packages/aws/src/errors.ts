/** Base of every adapter error; `cause` carries the SDK error when there is one. */
export class AdapterError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A pagination cursor that this system did not issue (or that belongs to another query). */
export class InvalidCursorError extends AdapterError {}

/** A batch call kept returning unprocessed items after every retry. */
export class UnprocessedItemsError extends AdapterError {}

/** A query the store cannot run as asked (e.g. a malformed date bound). */
export class InvalidQueryError extends AdapterError {}
