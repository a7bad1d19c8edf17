import { findDlq } from '../src/dlq/queues.js';
import { connect } from '../src/target.js';

describe('where the CLI points', () => {
  it('uses the topology names locally, and the stage-carrying names in AWS', () => {
    expect(connect({}).nameOf('import-comms-email')).toBe('import-comms-email');
    expect(connect({ region: 'ap-southeast-2', stage: 'prod' }).nameOf('import-comms-email')).toBe(
      'import-comms-email-prod',
    );
  });

  it('asks for the stage in AWS instead of guessing a name that does not exist', () => {
    expect(() => connect({ aws: true, region: 'ap-southeast-2' }).nameOf('import-events')).toThrow(
      '--stage <dev|prod> is needed in AWS: import-events is deployed as import-events-<stage>',
    );
  });

  it('finds a DLQ by its deployed name too', () => {
    expect(findDlq('import-comms-email-dlq-prod').id).toBe('email');
    expect(findDlq('sms').id).toBe('sms');
    expect(() => findDlq('import-comms-nothing-dlq-prod')).toThrow('no dead-letter queue');
  });
});
