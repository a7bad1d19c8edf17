import { LiquidTemplateEngine, type RenderContext, sampleRenderContext } from '../../src/index.js';

const engine = new LiquidTemplateEngine();
const key = (templateId: string, version = 1) => ({ templateId, version, locale: 'en' });

function context(overrides: Partial<RenderContext['customer']> = {}): RenderContext {
  const base = sampleRenderContext('import-stage-changed.v1', 'en-AU');
  return { ...base, customer: { ...base.customer, ...overrides } };
}

describe('LiquidTemplateEngine.renderEmail', () => {
  it('escapes every value in the HTML body but not in the subject, and adds a plain-text alternative', () => {
    // Prepare
    const ctx = context({ firstName: '<script>alert("x")</script> & Co' });

    // Act
    const result = engine.renderEmail(
      undefined,
      { subject: 'Hello {{ customer.firstName }}', content: '<p>Hello <b>{{ customer.firstName }}</b></p>' },
      ctx,
    );

    // Assess
    expect(result).toEqual({
      ok: true,
      value: {
        subject: 'Hello <script>alert("x")</script> & Co',
        html: '<p>Hello <b>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co</b></p>',
        text: 'Hello <script>alert("x")</script> & Co',
      },
    });
  });

  it('keeps values escaped even through the raw filter', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'x', content: '{{ customer.firstName | raw }}' },
      context({ firstName: '<img src=x onerror=alert(1)>' }),
    );

    expect(result).toMatchObject({ ok: true, value: { html: '&lt;img src=x onerror=alert(1)&gt;' } });
  });

  it('refuses a subject that renders with a line break (header injection)', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'Hi {{ customer.firstName }}', content: 'x' },
      context({ firstName: 'Aiko\r\nBcc: victim@example.com' }),
    );

    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'subject-line-break',
          part: 'subject',
          message: 'the rendered subject contains a line break or control character',
        },
      ],
    });
  });

  it('reports an undefined variable with its line, column and name', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'x', content: 'Hello\n  {{ customer.nickname }}' },
      context(),
    );

    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'undefined-variable',
          part: 'content',
          message: 'undefined variable: customer.nickname',
          line: 2,
          column: 6,
          variable: 'customer.nickname',
        },
      ],
    });
  });

  it('lets {% if %} and | default handle optional data under strict variables', () => {
    const result = engine.renderEmail(
      undefined,
      {
        subject: 'x',
        content:
          '{% if event.stageData.holdReason %}held{% endif %}[{{ event.stageData.customsReference | default: "none" }}]',
      },
      context(),
    );

    expect(result).toMatchObject({ ok: true, value: { html: '[none]' } });
  });

  it('reads own properties of the context only, nothing from prototypes', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'x', content: '{{ customer.constructor }}' },
      context(),
    );

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'undefined-variable', variable: 'customer.constructor' }],
    });
  });

  it.each(['include', 'render', 'layout'])('refuses {%% %s %%}: templates cannot reach files', (tag) => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'x', content: `{% ${tag} "secrets" %}` },
      context(),
    );

    expect(result).toMatchObject({ ok: false, issues: [{ code: 'syntax', line: 1, column: 1 }] });
    if (!result.ok) expect(result.issues[0]?.message).toContain(`{% ${tag} %} is not available`);
  });

  it('reports an unknown filter as a syntax error at its position', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: 'x', content: 'a\n{{ customer.firstName | shout }}' },
      context(),
    );

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', message: 'undefined filter: shout', line: 2 }],
    });
  });
});

describe('LiquidTemplateEngine caching', () => {
  it('parses a template version once: the cache is keyed by template id, version and locale', () => {
    const first = engine.renderSms(key('cache-test'), 'first {{ customer.firstName }}', context());
    const sameKey = engine.renderSms(key('cache-test'), 'second {{ customer.firstName }}', context());
    const nextVersion = engine.renderSms(key('cache-test', 2), 'second {{ customer.firstName }}', context());

    expect([first, sameKey, nextVersion].map((r) => (r.ok ? r.value.text : r.issues))).toEqual([
      'first Aiko',
      'first Aiko',
      'second Aiko',
    ]);
  });
});

describe('formatting filters', () => {
  it('formats money, dates in the customer time zone, and stage names in the template language', () => {
    const ctx = {
      ...context(),
      event: {
        amountDue: { amount: 18450.5, currency: 'AUD' },
        eta: '2026-12-14T08:00:00+11:00',
        dueDate: '2026-12-01',
        toStage: 'CUSTOMS_CLEARED',
      },
    };

    const en = engine.renderSms(
      undefined,
      '{{ event.amountDue | money }}|{{ event.eta | local_date }}|{{ event.dueDate | local_date }}|{{ event.toStage | stage_label }}',
      ctx,
    );
    const zh = engine.renderSms(undefined, '{{ event.toStage | stage_label }}', {
      ...ctx,
      format: { ...ctx.format, locale: 'zh' },
    });

    expect(en).toMatchObject({
      ok: true,
      value: { text: '$18,450.50|Monday 14 December 2026|Tuesday 1 December 2026|Cleared customs' },
    });
    expect(zh).toMatchObject({ ok: true, value: { text: '已清关' } });
  });
});

describe('LiquidTemplateEngine.analyse', () => {
  it('lists the global variables a template reads, with positions, ignoring loop and assigned locals', () => {
    const result = engine.analyse(
      '{{ customer.firstName }}\n{% assign eta = event.stageData.eta %}{{ eta }}{% for x in event.items %}{{ x.name }}{% endfor %}',
      'content',
    );

    expect(result).toEqual({
      ok: true,
      value: [
        { path: 'customer.firstName', line: 1, column: 4 },
        { path: 'event.stageData.eta', line: 2, column: 17 },
        { path: 'event.items', line: 2, column: 60 },
      ],
    });
  });

  it('reports a syntax error with its position', () => {
    expect(engine.analyse('ok\n{% if customer.firstName %}never closed', 'content')).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', line: 2, column: 1, part: 'content' }],
    });
  });
});

describe('plain-text alternative', () => {
  it('keeps link targets, once, when the text is the link itself', () => {
    const result = engine.renderEmail(
      undefined,
      {
        subject: 'x',
        content:
          '<p>Track: <a href="{{ links.vehicle }}">{{ links.vehicle }}</a></p><p><a href="{{ links.preferences }}">Preferences</a></p>',
      },
      context(),
    );

    expect(result).toMatchObject({
      ok: true,
      value: {
        text: 'Track: https://my.harbourline.example/vehicles/VH-1001\n\nPreferences [https://my.harbourline.example/preferences]',
      },
    });
  });
});

describe('render limits (hostile templates)', () => {
  const hostile = {
    'a range of 200 million, limited to 3': [
      '{% for i in (1..200000000) limit: 3 %}{{ i }}{% endfor %}',
      /allocates more than 1,000,000 items or characters \(memory limit\)/,
    ],
    'a loop of 900,000 steps': [
      '{% for i in (1..900000) %}{% endfor %}',
      /takes longer than 50 ms to render \(render time limit; 1000 ms when sending\)/,
    ],
    'nested 10,000 × 10,000 loops': [
      '{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}',
      /(render time limit|memory limit)/,
    ],
    'source over 100,000 characters': [
      `<p>${'x'.repeat(100_001)}</p>`,
      /longer than 100,000 characters \(source limit\)/,
    ],
  } as const;

  it('refuses a string doubled 40 times, naming the memory limit, in email and SMS', () => {
    const source =
      '{% assign s = "x" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}';
    // As a send renders it (1 s of render time, the same memory): on a busy machine copying megabytes can take
    // longer than a preview's 50 ms, and then the time limit would speak first.
    const email = engine.renderEmail(undefined, { subject: 'Hi', content: source }, context(), 'sending');
    const sms = engine.renderSms(undefined, source, context(), 'sending');

    for (const result of [email, sms]) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.issues).toEqual([expect.objectContaining({ code: 'limit', part: 'content' })]);
      expect(result.issues[0]?.message).toMatch(/memory limit/);
    }
  });

  it.each(Object.entries(hostile))(
    'refuses %s, naming the limit, in email and SMS',
    (_name, [source, message]) => {
      const email = engine.renderEmail(undefined, { subject: 'Hi', content: source }, context());
      const sms = engine.renderSms(undefined, source, context());

      for (const result of [email, sms]) {
        expect(result.ok).toBe(false);
        if (result.ok) continue;
        expect(result.issues).toEqual([expect.objectContaining({ code: 'limit', part: 'content' })]);
        expect(result.issues[0]?.message).toMatch(message);
      }
    },
  );

  it('stops an email body at 200,000 characters while it renders', () => {
    const result = engine.renderEmail(
      undefined,
      // Few long turns: the output limit is reached long before the render-time limit, however busy the machine.
      { subject: 'Hi', content: `{% for i in (1..210) %}<p>${'x'.repeat(1_000)}</p>{% endfor %}` },
      context(),
    );

    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'limit',
          part: 'content',
          message: 'the email body renders to more than 200,000 characters (output limit)',
        },
      ],
    });
  });

  it('stops a subject at 998 characters (the longest line a mail header may have)', () => {
    const result = engine.renderEmail(
      undefined,
      { subject: '{% for i in (1..1000) %}ab{% endfor %}', content: '<p>x</p>' },
      context(),
    );

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'limit', part: 'subject', message: expect.stringContaining('998 characters') }],
    });
  });

  it('refuses an SMS over 1,530 characters before counting its segments', () => {
    const result = engine.renderSms(undefined, '{% for i in (1..200) %}abcdefghij{% endfor %}', context());

    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'sms-too-long',
          part: 'content',
          message: 'the SMS renders to 2,000 characters; at most 1,530 fit in 10 segments',
        },
      ],
    });
  });

  it('keeps rendering normally after a refused template (the limits are per render)', () => {
    engine.renderSms(undefined, '{% for i in (1..900000) %}{% endfor %}', context());

    expect(engine.renderSms(undefined, 'Hi {{ customer.firstName }}', context())).toMatchObject({
      ok: true,
      value: { text: `Hi ${context().customer.firstName}` },
    });
  });
});
