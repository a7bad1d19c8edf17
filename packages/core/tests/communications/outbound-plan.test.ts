import {
  type ActiveRender,
  communicationOf,
  DEFAULT_PREFERENCES,
  type MessageHeading,
  type OutboundRequest,
  planOutbound,
  type RenderRecords,
  type Template,
  type TemplateVersion,
} from '../../src/index.js';

// 02:00 UTC is 13:00 in Melbourne (UTC+11): outside the default quiet hours.
const MIDDAY = new Date('2026-11-25T02:00:00Z');
// 11:00 UTC is 22:00 in Melbourne: inside quiet hours 21:00–08:00.
const LATE_EVENING = new Date('2026-11-25T11:00:00Z');

const contact = {
  customerId: 'CU-7',
  firstName: 'Liam',
  lastName: 'Nguyen',
  email: 'liam@example.com',
  phone: '+61412000111',
  language: 'en-AU',
  timezone: 'Australia/Melbourne',
  asOf: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

const template = {
  templateId: 'shipping-update-email',
  type: 'Email',
  category: 'reminders',
  content: 'x',
} as Template;

const version = { version: 4, locale: 'en' } as TemplateVersion;

/** The template service's port, answering what the test says and keeping what it was asked. */
function renderer(answer: ActiveRender) {
  const asked: RenderRecords[] = [];
  return {
    asked,
    renderActive: async (_template: Template, records: RenderRecords) => {
      asked.push(records);
      return answer;
    },
  };
}

const rendersEmail = () =>
  renderer({
    ok: true,
    version,
    email: { subject: 'Shipped', html: '<p>On its way</p>', text: 'On its way' },
  });

const request = (overrides: Partial<OutboundRequest> = {}): OutboundRequest => ({
  channel: 'Email',
  category: 'reminders',
  contact,
  preferences: DEFAULT_PREFERENCES,
  source: { template, detail: { eventId: 'E1' } },
  now: MIDDAY,
  ...overrides,
});

describe('planOutbound', () => {
  it('renders the active version in the customer’s language and sends it now', async () => {
    const templates = rendersEmail();

    const plan = await planOutbound(
      request({ preferences: { ...DEFAULT_PREFERENCES, language: 'ja' } }),
      templates,
    );

    expect(plan).toEqual({
      outcome: 'send',
      delivery: { channel: 'Email', address: 'liam@example.com', sendAt: MIDDAY, deferred: false },
      body: { subject: 'Shipped', content: 'On its way', contentHtml: '<p>On its way</p>' },
      templateVersion: 4,
    });
    expect(templates.asked[0]?.language).toBe('ja');
  });

  it('decides the channel before rendering: an opted-out customer costs no render', async () => {
    const templates = rendersEmail();

    const plan = await planOutbound(
      request({ preferences: { ...DEFAULT_PREFERENCES, optedOutCategories: ['reminders'] } }),
      templates,
    );

    expect(plan).toEqual({
      outcome: 'not-sent',
      reason: 'opted-out',
      detail: 'customer opted out of reminders messages',
    });
    expect(templates.asked).toEqual([]);
  });

  it('says which template problem kept a message back, with the issues', async () => {
    const issues = [{ message: 'undefined variable: vessel', code: 'render' as const }];
    const inactive = await planOutbound(request(), renderer({ ok: false, reason: 'template-inactive' }));
    const broken = await planOutbound(
      request(),
      renderer({ ok: false, reason: 'template-error', issues: issues as never }),
    );

    expect(inactive).toEqual({ outcome: 'not-sent', reason: 'template-inactive' });
    expect(broken).toMatchObject({
      outcome: 'not-sent',
      reason: 'template-error',
      detail: 'undefined variable: vessel',
    });
  });

  it('turns a rep’s words into an escaped HTML email, and counts SMS segments', async () => {
    const templates = rendersEmail();
    const email = await planOutbound(
      request({ source: { freeForm: { subject: 'Hi', content: 'Fish & chips\n\n<b>soon</b>' } } }),
      templates,
    );
    const sms = await planOutbound(
      request({ channel: 'SMS', source: { freeForm: { content: 'Ihr Wagen ist da – 😀' } } }),
      templates,
    );

    expect(email).toMatchObject({
      outcome: 'send',
      body: { subject: 'Hi', contentHtml: '<p>Fish &amp; chips</p>\n<p>&lt;b&gt;soon&lt;/b&gt;</p>' },
    });
    expect(sms).toMatchObject({ outcome: 'send', body: { sms: { encoding: 'UCS-2', segments: 1 } } });
    expect(templates.asked).toEqual([]);
  });

  it('holds an SMS during quiet hours until they end (email is not held by default)', async () => {
    const sms = renderer({
      ok: true,
      version,
      sms: { text: 'Shipped', encoding: 'GSM-7', segments: 1 } as never,
    });
    const email = await planOutbound(request({ now: LATE_EVENING }), rendersEmail());
    const plan = await planOutbound(request({ channel: 'SMS', now: LATE_EVENING }), sms);

    expect(email).toMatchObject({ outcome: 'send', delivery: { deferred: false } });
    expect(plan).toMatchObject({ outcome: 'send', delivery: { deferred: true } });
    if (plan.outcome !== 'send') throw new Error('expected a send');
    expect(plan.delivery.sendAt.toISOString()).toBe('2026-11-25T21:00:00.000Z'); // 08:00 in Melbourne
  });
});

describe('communicationOf', () => {
  const heading: MessageHeading = {
    communicationId: 'c1',
    customerId: 'CU-7',
    channel: 'Email',
    category: 'reminders',
    templateId: 'payment-reminder-email',
    createdBy: 'system:trigger-service',
  };

  it('stores a send due now as Pending and one held back as Scheduled for the later of both times', async () => {
    const plan = await planOutbound(request({ category: 'reminders' }), rendersEmail());
    const reminderAt = new Date('2026-11-28T22:00:00Z');

    const now = communicationOf(heading, plan, MIDDAY);
    const later = communicationOf(heading, plan, MIDDAY, reminderAt);

    expect(now).toMatchObject({ status: 'Pending', address: 'liam@example.com', templateVersion: 4 });
    expect(now.scheduledFor).toBeUndefined();
    expect(later).toMatchObject({ status: 'Scheduled', scheduledFor: '2026-11-28T22:00:00.000Z' });
  });

  it('stores a plan not to send as NotSent with its reason and what the rep should read', () => {
    const stored = communicationOf(
      heading,
      { outcome: 'not-sent', reason: 'no-address', detail: 'customer has no mobile number' },
      MIDDAY,
    );

    expect(stored).toMatchObject({
      status: 'NotSent',
      content: 'customer has no mobile number',
      statusHistory: [{ status: 'NotSent', reason: 'no-address' }],
    });
  });
});
