import { randomUUID } from 'node:crypto';
import {
  createDocumentClient,
  createDynamoClient,
  DynamoTemplateRepository,
  ensureTable,
} from '@import-comms/aws';
import {
  LiquidTemplateEngine,
  SAMPLE_COMPANY,
  SAMPLE_CUSTOMER,
  SAMPLE_VEHICLE,
  seedDefaultTemplates,
  systemClock,
} from '@import-comms/core';
import { exampleOf } from '@import-comms/events';
import { createContainer } from '../src/container.js';

/** Settings unlike the sample company in every field, as a deployment sets them. */
const ACME = {
  COMPANY_NAME: 'Acme Imports Ltd',
  COMPANY_PHONE: '+61 2 8000 0000',
  COMPANY_EMAIL: 'hello@acme-imports.example',
  COMPANY_WEBSITE: 'https://acme-imports.example',
  CUSTOMER_PORTAL_URL: 'https://portal.acme-imports.example',
};

let tableName: string;

beforeAll(async () => {
  const endpoint = process.env.TEST_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new Error('TEST_DYNAMODB_ENDPOINT is not set: run through jest');
  tableName = `trigger-${randomUUID()}`;
  const client = createDynamoClient({ endpoint });
  await ensureTable(client, tableName);
  await seedDefaultTemplates(
    new DynamoTemplateRepository(createDocumentClient(client), tableName),
    new LiquidTemplateEngine(),
    systemClock,
  );
  client.destroy();
});

function containerWith(settings: Record<string, string>) {
  return createContainer({
    AWS_REGION: 'ap-southeast-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    TABLE_NAME: tableName,
    EMAIL_QUEUE_URL: 'http://queue.invalid/email',
    SMS_QUEUE_URL: 'http://queue.invalid/sms',
    TRIGGER_DLQ_URL: 'http://queue.invalid/trigger-dlq',
    ...settings,
  });
}

describe('the trigger-service container', () => {
  beforeAll(() => {
    // Its clients find the run's dynalite as they find DynamoDB in AWS: through the SDK's own endpoint variable.
    process.env.AWS_ENDPOINT_URL_DYNAMODB = process.env.TEST_DYNAMODB_ENDPOINT;
    process.env.AWS_REGION ??= 'ap-southeast-2';
    process.env.AWS_ACCESS_KEY_ID ??= 'local';
    process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  });

  it('brands automated messages with the configured company, never the sample one', async () => {
    const { deps } = containerWith(ACME);
    const welcome = await deps.templates.get('welcome-email');
    if (!welcome) throw new Error('the default templates were not seeded');

    const rendered = await deps.renderer.renderActive(welcome, {
      detail: exampleOf('customer-upserted.v1').Detail as Record<string, unknown>,
      contact: { ...SAMPLE_CUSTOMER, asOf: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' },
      vehicle: {
        ...SAMPLE_VEHICLE,
        customerId: SAMPLE_CUSTOMER.customerId,
        asOf: '2026-01-01T00:00:00Z',
        updatedAt: '2026-01-01T00:00:00Z',
      },
      language: 'en',
    });

    expect(rendered.ok).toBe(true);
    if (!rendered.ok || !('email' in rendered)) return;
    const everything = `${rendered.email.subject}\n${rendered.email.html}\n${rendered.email.text}`;
    expect(everything).toContain('Acme Imports Ltd');
    expect(everything).toContain('portal.acme-imports.example');
    for (const sample of [SAMPLE_COMPANY.name, SAMPLE_COMPANY.portalUrl, SAMPLE_COMPANY.phone]) {
      expect(everything).not.toContain(sample);
    }
    expect(deps.company).toEqual({
      name: ACME.COMPANY_NAME,
      phone: ACME.COMPANY_PHONE,
      email: ACME.COMPANY_EMAIL,
      website: ACME.COMPANY_WEBSITE,
      portalUrl: ACME.CUSTOMER_PORTAL_URL,
    });
  });

  it('refuses to start without the company settings, naming each', () => {
    expect(() => containerWith({})).toThrow(
      /trigger-service configuration is invalid: .*COMPANY_NAME.*COMPANY_PHONE.*COMPANY_EMAIL.*COMPANY_WEBSITE.*CUSTOMER_PORTAL_URL/,
    );
  });
});
