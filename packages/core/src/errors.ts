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
