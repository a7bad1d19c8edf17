import { selectTemplates, type Template } from '../../src/index.js';

const template = (templateId: string, type: 'Email' | 'SMS', extra: Partial<Template> = {}): Template => ({
  templateId,
  name: templateId,
  type,
  category: 'transactional',
  triggerEvent: 'import-stage-changed.v1',
  defaultLocale: 'en',
  content: 'x',
  variables: [],
  latestVersion: 1,
  activeVersions: { en: 1 },
  isActive: true,
  createdAt: '2026-11-25T00:00:00Z',
  updatedAt: '2026-11-25T00:00:00Z',
  createdBy: 'test',
  ...extra,
});

const customsEmail = template('customs-update-email', 'Email', {
  triggerFilter: { toStage: ['CUSTOMS_CLEARED'] },
});
const statusEmail = template('status-update-email', 'Email', { fallback: true });
const statusSms = template('status-update-sms', 'SMS', { fallback: true });
const inactive = template('old-email', 'Email', { isActive: false });
const all = [customsEmail, statusEmail, statusSms, inactive];
const ids = (templates: Template[]) => templates.map((t) => t.templateId).sort();

describe('selectTemplates', () => {
  it('fires the template whose filter matches, and the fallback only for channels it does not cover', () => {
    expect(ids(selectTemplates(all, { toStage: 'CUSTOMS_CLEARED' }))).toEqual([
      'customs-update-email',
      'status-update-sms',
    ]);
  });

  it('fires the fallbacks when no specific template matches', () => {
    expect(ids(selectTemplates(all, { toStage: 'PURCHASED' }))).toEqual([
      'status-update-email',
      'status-update-sms',
    ]);
  });

  it('never fires an inactive template', () => {
    expect(ids(selectTemplates([inactive], { toStage: 'PURCHASED' }))).toEqual([]);
  });

  it('fires a template without a filter for every event of its trigger', () => {
    const welcome = template('welcome-email', 'Email', { triggerEvent: 'customer-upserted.v1' });

    expect(ids(selectTemplates([welcome], { anything: 1 }))).toEqual(['welcome-email']);
  });
});
