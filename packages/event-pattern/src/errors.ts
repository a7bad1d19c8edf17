/**
 * An event pattern EventBridge would refuse; the name and the message follow AWS's
 * InvalidEventPatternException ("Event pattern is not valid. Reason: …").
 */
export class InvalidEventPatternError extends Error {
  readonly code = 'InvalidEventPatternException';

  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
    this.name = 'InvalidEventPatternError';
  }
}
