/**
 * A prod deployment's own values, given as `-c key=value` would give them: the committed prod file holds example
 * values, which a prod synth refuses.
 */
export const PROD_VALUES = {
  senderDomain: 'mail.harbourline.com.au',
  fromAddress: 'Harbourline Vehicle Imports <care@harbourline.com.au>',
  replyDomain: 'reply.mail.harbourline.com.au',
  companyEmail: 'care@harbourline.com.au',
  companyWebsite: 'https://harbourline.com.au',
  customerPortalUrl: 'https://my.harbourline.com.au',
  alarmEmail: 'ops@harbourline.com.au',
};

/** CDK context for a stage, without bundling (fast), prod with its own values. */
export function stageContext(stage?: string): Record<string, unknown> {
  return {
    ...(stage ? { stage } : {}),
    ...(stage === 'prod' ? PROD_VALUES : {}),
    'aws:cdk:bundling-stacks': [],
  };
}
