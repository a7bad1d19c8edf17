import type { App } from 'aws-cdk-lib';

/**
 * What differs between deployments, from CDK context (`cdk.json` or `-c key=value`), with defaults that
 * synthesize anywhere: the sending domain, the company shown in messages, SMS limits, who gets alarms.
 */
export interface DeploymentSettings {
  /** Domain verified in SES (DKIM records go in its DNS zone). */
  senderDomain: string;
  fromAddress: string;
  companyName: string;
  companyPhone: string;
  companyEmail: string;
  companyWebsite: string;
  customerPortalUrl: string;
  smsSenderId: string;
  /** Highest price accepted for one SMS, USD. */
  smsMaxPriceUsd: string;
  /** SMS a second the account may send (its SMS quota: SNS has no API that tells it). */
  smsMaxSendRate: number;
  /** The account's monthly SMS spend limit, USD; an alarm fires at 80 %. */
  smsMonthlySpendLimitUsd: number;
  /** Alarm notifications; none when empty (subscribe later). */
  alarmEmail: string;
}

const DEFAULTS: DeploymentSettings = {
  senderDomain: 'harbourline.example',
  fromAddress: 'Harbourline Vehicle Imports <care@harbourline.example>',
  companyName: 'Harbourline Vehicle Imports',
  companyPhone: '+61 3 9000 1234',
  companyEmail: 'care@harbourline.example',
  companyWebsite: 'https://harbourline.example',
  customerPortalUrl: 'https://my.harbourline.example',
  smsSenderId: 'Harbourline',
  smsMaxPriceUsd: '0.50',
  smsMaxSendRate: 20,
  smsMonthlySpendLimitUsd: 1000,
  alarmEmail: '',
};

export function deploymentSettings(app: App): DeploymentSettings {
  const settings = { ...DEFAULTS };
  for (const key of Object.keys(DEFAULTS) as (keyof DeploymentSettings)[]) {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined) continue;
    if (key === 'smsMonthlySpendLimitUsd' || key === 'smsMaxSendRate') settings[key] = Number(value);
    else (settings as Record<string, unknown>)[key] = String(value);
  }
  return settings;
}
