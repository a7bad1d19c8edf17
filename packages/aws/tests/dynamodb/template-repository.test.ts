import type { Template, TemplateVersion } from '@import-comms/core';
import { DynamoTemplateRepository, InvalidCursorError } from '../../src/index.js';
import { createTestTable } from '../support/table.js';

let repository: DynamoTemplateRepository;

beforeEach(async () => {
  const table = await createTestTable();
  repository = new DynamoTemplateRepository(table.documents, table.tableName);
});

const AT = '2026-11-25T00:00:00.000Z';
const STAGE_CHANGED = 'import-stage-changed.v1';

function template(templateId: string, overrides: Partial<Template> = {}): Template {
  return {
    templateId,
    name: templateId.replace(/-/g, ' '),
    type: 'Email',
    category: 'transactional',
    triggerEvent: STAGE_CHANGED,
    subject: 'Update on your {{ vehicle.make }}',
    content: 'Hello {{ customer.firstName }}',
    variables: ['customer.firstName', 'vehicle.make'],
    defaultLocale: 'en',
    latestVersion: 1,
    activeVersions: {},
    isActive: false,
    createdAt: AT,
    updatedAt: AT,
    createdBy: 'rep:mia',
    ...overrides,
  };
}

function version(templateId: string, number: number, content = `v${number}`): TemplateVersion {
  return {
    templateId,
    version: number,
    locale: 'en',
    content,
    variables: [],
    state: 'Draft',
    createdAt: AT,
    createdBy: 'rep:mia',
  };
}

describe('templates', () => {
  it('creates a template with its first version and refuses the same id twice', async () => {
    const created = await repository.create(template('shipping-update'), version('shipping-update', 1));
    const again = await repository.create(template('shipping-update'), version('shipping-update', 1));

    expect(created).toEqual({ saved: true });
    expect(again).toEqual({ saved: false, reason: 'conflict' });
    expect(await repository.get('shipping-update')).toEqual(template('shipping-update'));
    expect(await repository.getVersion('shipping-update', 1)).toEqual(version('shipping-update', 1));
  });

  it('adds versions in order; of two editors saving the same version only one wins', async () => {
    const head = template('welcome');
    await repository.create(head, version('welcome', 1));

    const results = await Promise.all([
      repository.addVersion(version('welcome', 2, 'from Mia'), head),
      repository.addVersion(version('welcome', 2, 'from Noah'), head),
    ]);

    expect(results.filter((result) => result.saved)).toHaveLength(1);
    expect((await repository.get('welcome'))?.latestVersion).toBe(2);
    expect((await repository.listVersions('welcome')).map((v) => v.version)).toEqual([2, 1]);
  });

  it('moves a version through review only along allowed steps', async () => {
    await repository.create(template('payment-reminder'), version('payment-reminder', 1));
    const review = { by: 'rep:lead', at: new Date(AT), comment: 'Looks right' };

    const skipReview = await repository.moveVersion('payment-reminder', 1, 'Active', review);
    const submitted = await repository.moveVersion('payment-reminder', 1, 'InReview', review);
    const approved = await repository.moveVersion('payment-reminder', 1, 'Approved', review);
    const activated = await repository.moveVersion('payment-reminder', 1, 'Active', review);

    expect([skipReview, submitted, approved, activated]).toEqual([
      { saved: false, reason: 'conflict' },
      { saved: true },
      { saved: true },
      { saved: true },
    ]);
    expect(await repository.getVersion('payment-reminder', 1)).toMatchObject({
      state: 'Active',
      submittedBy: 'rep:lead',
      reviewedBy: 'rep:lead',
      activatedBy: 'rep:lead',
      reviewComment: 'Looks right',
    });
  });

  it('saves the head only if nobody changed it since it was read', async () => {
    const head = template('customs-update');
    await repository.create(head, version('customs-update', 1));

    const first = await repository.saveHead(
      { ...head, isActive: true, activeVersions: { en: 1 }, updatedAt: '2026-11-26T00:00:00.000Z' },
      AT,
    );
    const stale = await repository.saveHead({ ...head, isActive: false }, AT);

    expect([first, stale]).toEqual([{ saved: true }, { saved: false, reason: 'conflict' }]);
    expect(await repository.get('customs-update')).toMatchObject({
      isActive: true,
      activeVersions: { en: 1 },
    });
  });

  it('finds the templates of a trigger event through its index', async () => {
    await repository.create(template('shipping-update'), version('shipping-update', 1));
    await repository.create(
      template('payment-reminder', { triggerEvent: 'payment-due.v1' }),
      version('payment-reminder', 1),
    );
    await repository.create(template('manual-note', { triggerEvent: undefined }), version('manual-note', 1));

    const found = await repository.listByTrigger(STAGE_CHANGED);

    expect(found.map((t) => t.templateId)).toEqual(['shipping-update']);
  });

  it('lists the catalogue by name, page by page', async () => {
    for (const id of ['welcome', 'customs-update', 'delivery-ready', 'status-update', 'shipping-update']) {
      await repository.create(template(id), version(id, 1));
    }

    const first = await repository.list(3);
    const second = await repository.list(3, first.cursor);

    expect(first.items.map((t) => t.templateId)).toEqual([
      'customs-update',
      'delivery-ready',
      'shipping-update',
    ]);
    expect(second.items.map((t) => t.templateId)).toEqual(['status-update', 'welcome']);
    expect(second.cursor).toBeUndefined();
    await expect(repository.list(3, 'garbage')).rejects.toThrow(InvalidCursorError);
  });
});
