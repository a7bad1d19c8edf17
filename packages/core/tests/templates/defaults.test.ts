import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  LiquidTemplateEngine,
  SMS_SEGMENT_WARNING,
  sampleRenderContext,
  TEMPLATE_LIMITS,
} from '../../src/index.js';

// Every size limit as in production; render time generous: whether a template is valid is not a race with the
// host (a loaded test machine once took more than the 50 ms a save allows; the time limit has tests of its own).
const engine = new LiquidTemplateEngine({
  ...TEMPLATE_LIMITS,
  renderMilliseconds: { authoring: 5_000, sending: 5_000 },
});
const variants = DEFAULT_TEMPLATES.flatMap((template) =>
  Object.entries(template.locales).map(
    ([locale, source]) => [template.templateId, locale, template, source] as const,
  ),
);

describe('default templates', () => {
  it('cover the seven scenarios, each as email and SMS, in English and Chinese', () => {
    const scenarios = new Set(
      DEFAULT_TEMPLATES.map((t) => t.name.replace(/ \((email|SMS)\)$/, '').replace(/: .*$/, '')),
    );

    expect([...scenarios].sort()).toEqual([
      'Customs Update',
      'Delivery Ready',
      'Payment Reminder',
      'Shipping Update',
      'Status Update',
      'Vehicle Selection',
      'Welcome',
    ]);
    for (const template of DEFAULT_TEMPLATES)
      expect(Object.keys(template.locales).sort()).toEqual(['en', 'zh']);
    const channels = DEFAULT_TEMPLATES.map((t) => `${t.templateId.replace(/-(email|sms)$/, '')}:${t.type}`);
    for (const id of new Set(channels.map((c) => c.split(':')[0]))) {
      expect(channels).toEqual(expect.arrayContaining([`${id}:Email`, `${id}:SMS`]));
    }
  });

  it.each(variants)('%s (%s) passes validation on save', (_id, locale, template, source) => {
    const result = checkTemplate(engine, {
      type: template.type,
      triggerEvent: template.triggerEvent,
      locale,
      ...source,
    });

    expect(result).toMatchObject({ ok: true });
  });

  it.each(variants)(
    '%s (%s) renders its trigger example with every value in place',
    (_id, locale, template, source) => {
      const context = sampleRenderContext(template.triggerEvent, locale);

      const rendered =
        template.type === 'Email'
          ? engine.renderEmail(undefined, { subject: source.subject ?? '', content: source.content }, context)
          : engine.renderSms(undefined, source.content, context);

      expect(rendered.ok).toBe(true);
      if (!rendered.ok) return;
      const text =
        'html' in rendered.value ? `${rendered.value.subject}\n${rendered.value.html}` : rendered.value.text;
      expect(text).not.toMatch(/{{|{%|undefined|\[object Object\]/);
      if (template.triggerEvent !== 'customer-upserted.v1') expect(text).toContain('Toyota');
      if ('segments' in rendered.value)
        expect(rendered.value.segments).toBeLessThanOrEqual(SMS_SEGMENT_WARNING);
    },
  );

  it('renders the shipping update with the vessel and the ETA in the customer time zone', () => {
    const shipping = DEFAULT_TEMPLATES.find((t) => t.templateId === 'shipping-update-email');
    const source = shipping?.locales.en;

    const rendered = engine.renderEmail(
      undefined,
      { subject: source?.subject ?? '', content: source?.content ?? '' },
      sampleRenderContext('import-stage-changed.v1', 'en-AU'),
    );

    expect(rendered).toMatchObject({
      ok: true,
      value: { subject: 'Your 2021 Toyota Land Cruiser 70 is on its way' },
    });
    if (rendered.ok) {
      expect(rendered.value.text).toContain('aboard the Morning Celesta');
      expect(rendered.value.text).toContain('Monday 14 December 2026');
    }
  });
});

describe('default templates within the render limits', () => {
  // A tenth of every size limit; render time as generous as above (a loaded CI host once took more than the 50 ms a
  // save allows for the first render in a worker: a machine's pauses are not the template's doing).
  const tenth = new LiquidTemplateEngine({
    ...TEMPLATE_LIMITS,
    renderMilliseconds: { authoring: 5_000, sending: 5_000 },
    sourceCharacters: TEMPLATE_LIMITS.sourceCharacters / 10,
    memoryUnits: TEMPLATE_LIMITS.memoryUnits / 10,
    output: {
      subject: TEMPLATE_LIMITS.output.subject / 10,
      emailHtml: TEMPLATE_LIMITS.output.emailHtml / 10,
      sms: TEMPLATE_LIMITS.output.sms / 10,
    },
  });

  it.each(variants)('%s (%s) renders with a tenth of each size limit', (_id, locale, template, source) => {
    const context = sampleRenderContext(template.triggerEvent, locale);

    const rendered =
      template.type === 'Email'
        ? tenth.renderEmail(undefined, { subject: source.subject ?? '', content: source.content }, context)
        : tenth.renderSms(undefined, source.content, context);

    expect(rendered).toMatchObject({ ok: true });
  });
});
