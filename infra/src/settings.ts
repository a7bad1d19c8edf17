import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import * as z from 'zod';
import type { Stage } from './stage.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Example values are for synthesizing anywhere and for dev; prod must name the real company. */
const EXAMPLE = /(\.example\b|\bexample\.(com|org|net)\b)/i;

const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);
const count = z.coerce.number().int().positive();

const settingsSchema = z
  .object({
    /** Domain verified in SES (DKIM records go in its DNS zone). */
    senderDomain: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'a domain name, e.g. mail.example.com'),
    fromAddress: z.string().min(3),
    /**
     * Where customers' replies are received (SES receiving, its MX record in DNS): every email we send carries a
     * reply address on it (`reply+<token>@<replyDomain>`). A subdomain of the sender domain.
     */
    replyDomain: z
      .string()
      .regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/i, 'a domain name, e.g. reply.mail.example.com'),
    companyName: z.string().min(1).max(100),
    companyPhone: z.string().min(5).max(30),
    companyEmail: z.email(),
    companyWebsite: z.url({ protocol: /^https$/ }),
    customerPortalUrl: z.url({ protocol: /^https$/ }),
    /** Alphanumeric SMS sender ID: 1–11 letters and digits, at least one letter (AWS's rule). */
    smsSenderId: z
      .string()
      .regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, '1–11 letters and digits, at least one letter'),
    /** Highest price accepted for one SMS, USD. */
    smsMaxPriceUsd: z.string().regex(/^\d+(\.\d{1,4})?$/, 'a price in USD, e.g. 0.50'),
    /** SMS a second the account may send (its SMS quota: SNS has no API that tells it). */
    smsMaxSendRate: count,
    /** The account's monthly SMS spend limit, USD; an alarm fires at 80 %. */
    smsMonthlySpendLimitUsd: count,
    /** Where alarms go; required in prod. */
    alarmEmail: z.union([z.literal(''), z.email()]),
    /**
     * Whether this stage sets the account-wide SMS settings and owns SNS's delivery-status log groups (named by
     * AWS per account). With one account per stage (recommended) every stage does; two stages sharing an
     * account must leave it to one of them.
     */
    ownsAccountSmsSettings: flag,
    /**
     * Whether this stage owns the account's one active SES receipt rule set (SES receives with one per account
     * and region): as `ownsAccountSmsSettings`, every stage with an account of its own does.
     */
    ownsAccountReceiptRules: flag,
    /**
     * A two-way SMS number (AWS End User Messaging) customers text back to: its country and type. Unset, no
     * number is ordered (many countries need a registration first: see the deploy runbook).
     */
    twoWaySmsCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code, e.g. AU')
      .optional(),
    twoWaySmsNumberType: z.enum(['LONG_CODE', 'TOLL_FREE', 'TEN_DLC', 'SIMULATOR']).optional(),
    /**
     * Optional custom domains. The UI's (`webDomainName`, with an ACM certificate in us-east-1) is served with
     * TLS 1.2_2021; the API's (`apiDomainName`, certificate in the stack's region) lets the execute-api address
     * be switched off, so the API is reached only through CloudFront.
     */
    webDomainName: z.string().optional(),
    webCertificateArn: z
      .string()
      .startsWith('arn:aws:acm:us-east-1:', 'a certificate in us-east-1 (CloudFront)')
      .optional(),
    apiDomainName: z.string().optional(),
    apiCertificateArn: z.string().startsWith('arn:aws:acm:').optional(),
  })
  .strict()
  .superRefine((settings, context) => {
    if (Boolean(settings.twoWaySmsCountry) !== Boolean(settings.twoWaySmsNumberType))
      context.addIssue({
        code: 'custom',
        path: ['twoWaySmsNumberType'],
        message: 'twoWaySmsCountry and twoWaySmsNumberType go together',
      });
    for (const [domain, certificate] of [
      ['webDomainName', 'webCertificateArn'],
      ['apiDomainName', 'apiCertificateArn'],
    ] as const) {
      if (Boolean(settings[domain]) !== Boolean(settings[certificate])) {
        context.addIssue({
          code: 'custom',
          path: [certificate],
          message: `${domain} and ${certificate} go together`,
        });
      }
    }
  });

export type DeploymentSettings = z.infer<typeof settingsSchema>;
export const SETTING_NAMES = Object.keys(settingsSchema.shape) as (keyof DeploymentSettings)[];

/** The settings file of a stage, committed beside the app. */
export function settingsFile(stage: Stage): string {
  return path.join(REPO_ROOT, 'infra/stages', `${stage}.json`);
}

/**
 * A stage's settings: its committed file (`infra/stages/<stage>.json`), any value overridden with
 * `-c key=value`, validated. A prod synth fails on example values and without an alarm address, naming each.
 */
export function deploymentSettings(app: App, stage: Stage): DeploymentSettings {
  const { $comment: _comment, ...fromFile } = JSON.parse(readFileSync(settingsFile(stage), 'utf8')) as Record<
    string,
    unknown
  >;
  const fromContext = Object.fromEntries(
    SETTING_NAMES.map((name) => [name, app.node.tryGetContext(name)]).filter(
      ([, value]) => value !== undefined,
    ),
  );
  const schema =
    stage === 'prod'
      ? settingsSchema.superRefine((settings, context) => {
          for (const name of SETTING_NAMES) {
            const value = settings[name];
            if (typeof value === 'string' && EXAMPLE.test(value)) {
              context.addIssue({ code: 'custom', path: [name], message: `"${value}" is an example value` });
            }
          }
          if (!settings.alarmEmail) {
            context.addIssue({
              code: 'custom',
              path: ['alarmEmail'],
              message: 'prod alarms must reach someone',
            });
          }
        })
      : settingsSchema;
  const parsed = schema.safeParse({ ...fromFile, ...fromContext });
  if (!parsed.success) {
    throw new Error(
      `the ${stage} settings (infra/stages/${stage}.json, -c overrides) are not deployable:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
