import {
  type Actor,
  buildRenderContext,
  ConflictError,
  DEFAULT_TEMPLATES,
  ForbiddenError,
  LiquidTemplateEngine,
  type NewTemplate,
  SAMPLE_COMPANY,
  seedDefaultTemplates,
  TemplateService,
  TemplateValidationError,
} from '@import-comms/core';
import { DynamoCustomerRepository, DynamoTemplateRepository } from '../../src/index.js';
import { createTestTable, manualClock } from '../support/table.js';

const mia: Actor = { id: 'rep:mia', roles: ['agent'] };
const lee: Actor = { id: 'rep:lee', roles: ['approver'] };
/** Signed in, but with no role: may read, may not change anything. */
const rep: Actor = { id: 'rep:sam', roles: [] };

const engine = new LiquidTemplateEngine();
let repository: DynamoTemplateRepository;
let customers: DynamoCustomerRepository;
let service: TemplateService;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  const table = await createTestTable();
  repository = new DynamoTemplateRepository(table.documents, table.tableName);
  clock = manualClock('2026-11-25T00:00:00Z');
  customers = new DynamoCustomerRepository(table.documents, table.tableName, clock);
  service = new TemplateService({
    templates: repository,
    engine,
    clock,
    customers,
    company: SAMPLE_COMPANY,
  });
});

const draft = (overrides: Partial<NewTemplate> = {}): NewTemplate => ({
  templateId: 'compliance-update-sms',
  name: 'Compliance update (SMS)',
  type: 'SMS',
  category: 'transactional',
  triggerEvent: 'import-stage-changed.v1',
  triggerFilter: { toStage: ['COMPLIANCE'] },
  locale: 'en',
  content: 'Hi {{ customer.firstName }}, your {{ vehicle.description }} is in compliance checks.',
  ...overrides,
});

async function approvedTemplate(): Promise<void> {
  await service.create(draft(), mia);
  await service.submitForReview('compliance-update-sms', 1, mia);
  await service.approve('compliance-update-sms', 1, lee);
}

describe('creating and revising', () => {
  it('creates a draft whose variables are computed from the content, not taken from the client', async () => {
    const { template, version } = await service.create(draft(), mia);

    expect(template).toMatchObject({ latestVersion: 1, isActive: false, activeVersions: {} });
    expect(version).toMatchObject({ version: 1, state: 'Draft', createdBy: 'rep:mia' });
    expect(version.variables).toEqual(['customer.firstName', 'vehicle.description']);
  });

  it('rejects an invalid template with every issue located', async () => {
    const attempt = service.create(
      draft({ content: 'Hi {{ customer.nickname }}\n{{ event.paymentUrl }}' }),
      mia,
    );

    await expect(attempt).rejects.toThrow(TemplateValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [
        { variable: 'customer.nickname', line: 1, column: 7 },
        { variable: 'event.paymentUrl', line: 2, column: 4 },
      ],
    });
  });

  it('saves every edit as a new immutable version', async () => {
    await service.create(draft(), mia);
    clock.set('2026-11-25T01:00:00Z');

    const second = await service.revise(
      'compliance-update-sms',
      { locale: 'en', content: 'Hi {{ customer.firstName }}!' },
      mia,
    );

    expect(second).toMatchObject({ version: 2, state: 'Draft' });
    expect((await service.getVersion('compliance-update-sms', 1)).content).toBe(draft().content);
    expect(await service.get('compliance-update-sms')).toMatchObject({
      latestVersion: 2,
      content: 'Hi {{ customer.firstName }}!',
    });
  });

  it('refuses edits from someone without the editor role', async () => {
    await expect(service.create(draft(), rep)).rejects.toThrow(ForbiddenError);
  });
});

describe('review and approval', () => {
  it('refuses self-approval, even by an approver', async () => {
    await service.create(draft(), lee);
    await service.submitForReview('compliance-update-sms', 1, lee);

    await expect(service.approve('compliance-update-sms', 1, lee)).rejects.toThrow(
      'a template version must be approved by someone other than its author',
    );
  });

  it('refuses approval without the approver role', async () => {
    await service.create(draft(), lee);
    await service.submitForReview('compliance-update-sms', 1, lee);

    await expect(service.approve('compliance-update-sms', 1, mia)).rejects.toThrow(
      'approving a template needs the approver role',
    );
  });

  it('never activates a version that was not approved', async () => {
    await service.create(draft(), mia);

    await expect(service.activate('compliance-update-sms', 1, lee)).rejects.toThrow(
      'version 1 is Draft: only approved versions can become active',
    );
    await service.submitForReview('compliance-update-sms', 1, mia);
    await expect(service.activate('compliance-update-sms', 1, lee)).rejects.toThrow(ConflictError);
    expect((await service.get('compliance-update-sms')).isActive).toBe(false);
  });

  it('approves and activates, recording who did what', async () => {
    await approvedTemplate();

    const template = await service.activate('compliance-update-sms', 1, lee);

    expect(template).toMatchObject({ isActive: true, activeVersions: { en: 1 } });
    expect(await service.getVersion('compliance-update-sms', 1)).toMatchObject({
      state: 'Active',
      createdBy: 'rep:mia',
      submittedBy: 'rep:mia',
      reviewedBy: 'rep:lee',
      activatedBy: 'rep:lee',
    });
  });

  it('sends a rejected version back with the reviewer comment, which is required', async () => {
    await service.create(draft(), mia);
    await service.submitForReview('compliance-update-sms', 1, mia);

    await expect(service.reject('compliance-update-sms', 1, lee, ' ')).rejects.toThrow(
      TemplateValidationError,
    );
    const rejected = await service.reject('compliance-update-sms', 1, lee, 'Say how long compliance takes');

    expect(rejected).toMatchObject({ state: 'Rejected', reviewComment: 'Say how long compliance takes' });
    await expect(service.approve('compliance-update-sms', 1, lee)).rejects.toThrow(ConflictError);
  });

  it('retires the active version when another is activated, and rolls back to it', async () => {
    await approvedTemplate();
    await service.activate('compliance-update-sms', 1, lee);
    await service.revise(
      'compliance-update-sms',
      { locale: 'en', content: 'v2 {{ customer.firstName }}' },
      mia,
    );
    await service.submitForReview('compliance-update-sms', 2, mia);
    await service.approve('compliance-update-sms', 2, lee);

    await service.activate('compliance-update-sms', 2, lee);
    expect((await service.getVersion('compliance-update-sms', 1)).state).toBe('Retired');

    const rolledBack = await service.activate('compliance-update-sms', 1, lee);
    expect(rolledBack.activeVersions).toEqual({ en: 1 });
    expect((await service.getVersion('compliance-update-sms', 2)).state).toBe('Retired');
    expect((await service.getVersion('compliance-update-sms', 1)).state).toBe('Active');
  });

  it('keeps one active version per locale, falling back to the default language', async () => {
    await approvedTemplate();
    await service.activate('compliance-update-sms', 1, lee);
    await service.revise(
      'compliance-update-sms',
      { locale: 'zh', content: '{{ customer.firstName }}您好，车辆正在合规检查。' },
      mia,
    );
    await service.submitForReview('compliance-update-sms', 2, mia);
    await service.approve('compliance-update-sms', 2, lee);
    const template = await service.activate('compliance-update-sms', 2, lee);

    expect(template.activeVersions).toEqual({ en: 1, zh: 2 });
    expect((await service.activeVersionFor(template, 'zh-CN'))?.version).toBe(2);
    expect((await service.activeVersionFor(template, 'fr'))?.version).toBe(1);
    expect((await service.getVersion('compliance-update-sms', 1)).state).toBe('Active');
  });

  it('deactivates a template so no version is sent', async () => {
    await approvedTemplate();
    await service.activate('compliance-update-sms', 1, lee);

    const template = await service.deactivate('compliance-update-sms', lee);

    expect(await service.activeVersionFor(template, 'en')).toBeUndefined();
    expect((await service.getVersion('compliance-update-sms', 1)).state).toBe('Retired');
  });
});

describe('diff and preview', () => {
  it('diffs two versions line by line', async () => {
    await service.create(draft({ content: 'line one\n{{ customer.firstName }}\nline three' }), mia);
    await service.revise(
      'compliance-update-sms',
      { locale: 'en', content: 'line one\n{{ customer.lastName }}\nline three' },
      mia,
    );

    const diff = await service.diff('compliance-update-sms', 1, 2);

    expect(diff.content).toEqual([
      { kind: 'unchanged', text: 'line one' },
      { kind: 'removed', text: '{{ customer.firstName }}' },
      { kind: 'added', text: '{{ customer.lastName }}' },
      { kind: 'unchanged', text: 'line three' },
    ]);
  });

  it('previews with sample data or with a real customer and vehicle', async () => {
    await service.create(draft(), mia);
    const realContext = buildRenderContext({
      detail: { toStage: 'COMPLIANCE' },
      customer: {
        customerId: 'CU-9',
        firstName: 'Ben',
        lastName: 'Ng',
        language: 'en',
        timezone: 'Pacific/Auckland',
      },
      vehicle: { vehicleId: 'VH-9', make: 'Nissan', model: 'Skyline GT-R', year: 1999 },
      company: SAMPLE_COMPANY,
      locale: 'en',
    });

    const sample = await service.preview('compliance-update-sms', 1);
    const real = await service.preview('compliance-update-sms', 1, realContext);

    expect(sample).toMatchObject({
      ok: true,
      channel: 'SMS',
      sms: {
        text: 'Hi Aiko, your 2021 Toyota Land Cruiser 70 is in compliance checks.',
        encoding: 'GSM-7',
        segments: 1,
      },
    });
    expect(real).toMatchObject({
      ok: true,
      sms: { text: 'Hi Ben, your 1999 Nissan Skyline GT-R is in compliance checks.' },
    });
  });
});

describe('previewFor', () => {
  it('renders for a stored customer and vehicle, in their language and time zone', async () => {
    await seedDefaultTemplates(repository, engine, clock);
    await customers.saveContact({
      customerId: 'CU-7',
      firstName: 'Wei',
      lastName: 'Zhang',
      phone: '+61400111222',
      language: 'zh-CN',
      timezone: 'Australia/Perth',
      asOf: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    });
    await customers.saveVehicleDetails({
      vehicleId: 'VH-7',
      customerId: 'CU-7',
      make: 'Mazda',
      model: 'RX-7',
      year: 1993,
      asOf: '2026-11-01T00:00:00Z',
    });
    const template = await service.get('shipping-update-sms');
    const version = await service.activeVersionFor(template, 'zh-CN');

    const preview = await service.previewFor('shipping-update-sms', version?.version ?? 0, {
      customerId: 'CU-7',
      vehicleId: 'VH-7',
    });

    expect(preview).toMatchObject({ ok: true, channel: 'SMS', sms: { encoding: 'UCS-2' } });
    if (preview.ok && preview.channel === 'SMS') {
      expect(preview.sms.text).toContain('1993 Mazda RX-7 已启运');
      expect(preview.sms.text).toContain('2026年12月14日');
    }
  });

  it('says which record is missing', async () => {
    await service.create(draft(), mia);

    await expect(service.previewFor('compliance-update-sms', 1, { customerId: 'CU-404' })).rejects.toThrow(
      'customer CU-404 does not exist',
    );
  });
});

describe('seedDefaultTemplates', () => {
  it('creates every default, active in each locale, and leaves them alone on the next run', async () => {
    const first = await seedDefaultTemplates(repository, engine, clock);
    const again = await seedDefaultTemplates(repository, engine, clock);

    expect(first.created).toHaveLength(DEFAULT_TEMPLATES.length);
    expect(again).toEqual({ created: [], existing: first.created });
    const shipping = await service.get('shipping-update-email');
    expect(shipping).toMatchObject({ isActive: true, activeVersions: { en: 1, zh: 2 }, latestVersion: 2 });
    expect(
      (await repository.listByTrigger('import-stage-changed.v1')).map((t) => t.templateId).sort(),
    ).toEqual([
      'customs-update-email',
      'customs-update-sms',
      'delivery-ready-email',
      'delivery-ready-sms',
      'shipping-update-email',
      'shipping-update-sms',
      'status-update-email',
      'status-update-sms',
      'vehicle-selection-email',
      'vehicle-selection-sms',
    ]);
  });

  it('finishes a seed that was cut short before activation', async () => {
    const [welcome] = DEFAULT_TEMPLATES;
    if (!welcome) throw new Error('no defaults');
    await seedDefaultTemplates(repository, engine, clock, [
      { ...welcome, locales: { en: welcome.locales.en ?? { content: '' } } },
    ]);
    // Simulate the crash: the head exists but never went live.
    const head = await service.get(welcome.templateId);
    await repository.saveHead({ ...head, isActive: false, activeVersions: {} }, head.updatedAt);

    const resumed = await seedDefaultTemplates(repository, engine, clock, [welcome]);

    expect(resumed.created).toEqual([welcome.templateId]);
    expect(await service.get(welcome.templateId)).toMatchObject({
      isActive: true,
      activeVersions: { en: 1, zh: 2 },
    });
  });
});

describe('activation under concurrency', () => {
  const noor: Actor = { id: 'rep:noor', roles: ['approver'] };

  /** Two approved English versions (1 and 2) of the compliance template, none active. */
  async function twoApprovedVersions(): Promise<void> {
    await approvedTemplate();
    await service.revise(
      'compliance-update-sms',
      { locale: 'en', content: 'Hi {{ customer.firstName }}, compliance checks have started.' },
      mia,
    );
    await service.submitForReview('compliance-update-sms', 2, mia);
    await service.approve('compliance-update-sms', 2, lee);
  }

  const activeVersions = async () =>
    (await service.listVersions('compliance-update-sms'))
      .filter((version) => version.state === 'Active')
      .map((version) => version.version);

  it('leaves exactly the version the head names active when two approvers activate at once, round after round', async () => {
    await twoApprovedVersions();

    for (let round = 0; round < 12; round++) {
      const [first, second] = round % 2 === 0 ? [1, 2] : [2, 1];
      const outcomes = await Promise.allSettled([
        service.activate('compliance-update-sms', first, lee),
        service.activate('compliance-update-sms', second, noor),
      ]);

      const head = await service.get('compliance-update-sms');
      expect(outcomes.some((outcome) => outcome.status === 'fulfilled')).toBe(true);
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
      }
      expect(await activeVersions()).toEqual([head.activeVersions.en]);
    }
  });

  it('shows the version the head names as active even when the write of its state did not happen', async () => {
    await twoApprovedVersions();
    await service.activate('compliance-update-sms', 1, lee);
    const head = await service.get('compliance-update-sms');
    // As if the process stopped after the head's write: the head names 2, the stored states still say 1.
    await repository.saveHead(
      { ...head, activeVersions: { en: 2 }, updatedAt: '2026-11-25T00:00:01.000Z' },
      head.updatedAt,
    );

    const states = Object.fromEntries(
      (await service.listVersions('compliance-update-sms')).map((version) => [
        version.version,
        version.state,
      ]),
    );

    expect(states).toEqual({ 1: 'Retired', 2: 'Active' });
  });
});

describe('an engine loaded on first use', () => {
  it('loads it once for renders that arrive together, not at all for reads, and again after a failed load', async () => {
    await approvedTemplate();
    await service.activate('compliance-update-sms', 1, lee);
    let loads = 0;
    let failNext = true;
    const lazy = new TemplateService({
      templates: repository,
      engine: async () => {
        loads += 1;
        // A load that fails (a chunk that could not be read) is not kept: the next render loads again.
        if (failNext) {
          failNext = false;
          throw new Error('could not load the engine');
        }
        return engine;
      },
      clock,
      customers,
      company: SAMPLE_COMPANY,
    });

    await lazy.get('compliance-update-sms');
    await lazy.listVersions('compliance-update-sms');
    expect(loads).toBe(0);

    await expect(lazy.preview('compliance-update-sms', 1)).rejects.toThrow('could not load the engine');
    const previews = await Promise.all(
      Array.from({ length: 5 }, () => lazy.preview('compliance-update-sms', 1)),
    );
    expect(loads).toBe(2);
    for (const preview of previews) {
      expect(preview).toMatchObject({ ok: true, channel: 'SMS' });
      expect(preview.ok && preview.channel === 'SMS' ? preview.sms.text : '').toContain('compliance checks');
    }
    // Checks on save use the same engine.
    await expect(
      lazy.create(draft({ templateId: 'lazy-check', content: '{{ customer.' }), mia),
    ).rejects.toThrow(TemplateValidationError);
    expect(loads).toBe(2);
  });
});
