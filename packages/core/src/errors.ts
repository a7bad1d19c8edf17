/** Base of every domain error; `code` is stable for callers (HTTP mapping, DLQ reasons). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class InvalidStatusTransitionError extends DomainError {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`a communication cannot move from ${from} to ${to}`, 'invalid_status_transition');
  }
}

export class InvalidQuietHoursError extends DomainError {
  constructor(message: string) {
    super(message, 'invalid_quiet_hours');
  }
}

/** The caller's roles do not allow the action (e.g. approving without the approver role). */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(message, 'forbidden');
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(message, 'not_found');
  }
}

/** Someone else changed the record first, or the record is not in a state that allows the action. */
export class ConflictError extends DomainError {
  constructor(message: string, code = 'conflict') {
    super(message, code);
  }
}

/** A template that cannot be saved or rendered, with every issue located. */
export class TemplateValidationError extends DomainError {
  constructor(
    readonly issues: readonly { message: string; line?: number; column?: number; part?: string }[],
  ) {
    super(
      `template is invalid: ${issues
        .map(
          (issue) =>
            `${issue.part ? `${issue.part} ` : ''}${issue.line ? `${issue.line}:${issue.column} ` : ''}${issue.message}`,
        )
        .join('; ')}`,
      'invalid_template',
    );
  }
}

/** The provider refused the message for good (invalid address, rejected content): record it, never retry. */
export class PermanentDeliveryError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'permanent_delivery_failure', options);
  }
}

/** A pagination cursor this system did not issue, or one that belongs to another query. */
export class InvalidCursorError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'invalid_cursor', options);
  }
}

/** A query that cannot be run as asked (a malformed date bound, an empty range). */
export class InvalidQueryError extends DomainError {
  constructor(message: string) {
    super(message, 'invalid_query');
  }
}

/** The provider could not take the message now (throttling, 5xx): retry with backoff. */
export class TransientDeliveryError extends DomainError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'transient_delivery_failure', options);
  }
}

/**
 * Not sent for now because of the sending rate (our own limiter, or the provider's throttle after the SDK's
 * retries): tried again after `retryAfterSeconds`, never counted as a failure of the message.
 */
export class ThrottledDeliveryError extends TransientDeliveryError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A queue message that can never succeed, whatever is retried (not JSON, not the shape its queue carries): it goes
 * to the DLQ at once with this message as its reason.
 */
export class PoisonMessageError extends DomainError {
  constructor(
    message: string,
    /** What ops need beside the reason (e.g. every validation issue), kept with the message in the DLQ. */
    readonly details?: unknown,
  ) {
    super(message, 'poison_message');
  }
}

/** Data the event needs has not arrived yet (e.g. a stage change before its customer): retry later. */
export class MissingDataError extends DomainError {
  constructor(message: string) {
    super(message, 'missing_data');
  }
}

/** A request that cannot be carried out as asked (a field that contradicts the records); every issue located. */
export class InvalidInputError extends DomainError {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), 'invalid_input');
  }
}

/** The customer's preferences forbid the message on this channel; `reason` is a NotSent reason code. */
export class ChannelRefusedError extends DomainError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message, 'channel_refused');
  }
}

/** Too many requests from one user (e.g. sends a minute); says when to try again. */
export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, 'rate_limited');
  }
}
