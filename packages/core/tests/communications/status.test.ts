import {
  assertTransition,
  COMMUNICATION_STATUSES,
  type CommunicationStatus,
  canTransition,
  InvalidStatusTransitionError,
  isFinal,
  predecessorsOf,
} from '../../src/index.js';

describe('communication status machine', () => {
  it.each<[CommunicationStatus, CommunicationStatus]>([
    ['Scheduled', 'Pending'],
    ['Pending', 'Sending'],
    ['Sending', 'Sent'],
    ['Sent', 'Delivered'],
    ['Sent', 'Bounced'],
    ['Sending', 'Delivered'],
    ['Delivered', 'Complained'],
    ['Pending', 'NotSent'],
    ['Scheduled', 'Cancelled'],
  ])('moves forward from %s to %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each<[CommunicationStatus, CommunicationStatus]>([
    ['Delivered', 'Sent'],
    ['Sent', 'Sending'],
    ['Sent', 'Pending'],
    ['Bounced', 'Delivered'],
    ['Failed', 'Sent'],
    ['Delivered', 'Delivered'],
    ['Logged', 'Sent'],
    ['Cancelled', 'Pending'],
  ])('never moves back from %s to %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(() => assertTransition(from, to)).toThrow(InvalidStatusTransitionError);
  });

  it('lists the predecessors a store must check before writing a status', () => {
    expect(predecessorsOf('Sent')).toEqual(['Sending']);
    expect(predecessorsOf('Delivered').sort()).toEqual(['Sending', 'Sent']);
    expect(predecessorsOf('Pending')).toEqual(['Scheduled']);
  });

  it('has no way out of a final status', () => {
    const finals = COMMUNICATION_STATUSES.filter(isFinal).sort();

    expect(finals).toEqual(['Bounced', 'Cancelled', 'Complained', 'Failed', 'Logged', 'NotSent']);
    for (const from of finals) {
      for (const to of COMMUNICATION_STATUSES) expect(canTransition(from, to)).toBe(false);
    }
  });
});
