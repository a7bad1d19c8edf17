import { checkTemplate, LiquidTemplateEngine, type TemplateSource } from '../../src/index.js';

const engine = new LiquidTemplateEngine();
const email = (overrides: Partial<TemplateSource> = {}): TemplateSource => ({
  type: 'Email',
  triggerEvent: 'import-stage-changed.v1',
  locale: 'en',
  subject: 'Update on your {{ vehicle.description }}',
  content: '<p>Hi {{ customer.firstName }}, now {{ event.toStage | stage_label }}.</p>',
  ...overrides,
});

describe('checkTemplate', () => {
  it('accepts a valid template and computes the variables it uses from its content', () => {
    expect(checkTemplate(engine, email())).toEqual({
      ok: true,
      variables: ['customer.firstName', 'event.toStage', 'vehicle.description'],
    });
  });

  it('rejects a variable the trigger does not provide, with line, column and name', () => {
    const result = checkTemplate(engine, email({ content: '<p>Hi</p>\n<p>{{ event.invoiceNumber }}</p>' }));

    expect(result).toEqual({
      ok: false,
      issues: [
        {
          code: 'unknown-variable',
          part: 'content',
          line: 2,
          column: 7,
          variable: 'event.invoiceNumber',
          message:
            'unknown variable "event.invoiceNumber": not provided by the trigger import-stage-changed.v1',
        },
      ],
    });
  });

  it('rejects vehicle variables for a trigger that is not about a vehicle', () => {
    const result = checkTemplate(engine, email({ triggerEvent: 'customer-upserted.v1', subject: 'Welcome' }));

    expect(result).toMatchObject({ ok: false, issues: [{ variable: 'event.toStage' }] });
  });

  it('reports Liquid syntax errors with their position', () => {
    const result = checkTemplate(engine, email({ content: 'ok\n{% if event.toStage %}\nnever closed' }));

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'syntax', part: 'content', line: 2, column: 1 }],
    });
  });

  it('requires a single-line subject on email', () => {
    expect(checkTemplate(engine, email({ subject: '  ' }))).toMatchObject({
      ok: false,
      issues: [{ code: 'missing-subject', message: 'an email template needs a subject' }],
    });
    expect(checkTemplate(engine, email({ subject: 'Hi\nBcc: x@example.com' }))).toMatchObject({
      ok: false,
      issues: [{ code: 'subject-line-break' }],
    });
  });

  it('rejects a trigger that does not exist', () => {
    expect(checkTemplate(engine, email({ triggerEvent: 'vehicle-teleported.v1' }))).toEqual({
      ok: false,
      issues: [{ code: 'unknown-trigger', message: 'there is no trigger "vehicle-teleported.v1"' }],
    });
  });

  it('rejects an SMS that renders to more than 10 segments with the sample data', () => {
    const result = checkTemplate(engine, {
      type: 'SMS',
      triggerEvent: 'import-stage-changed.v1',
      locale: 'en',
      content: `${'{{ vehicle.description }} '.repeat(80)}`,
    });

    expect(result).toMatchObject({ ok: false, issues: [{ code: 'sms-too-long' }] });
    if (!result.ok)
      expect(result.issues[0]?.message).toMatch(
        /^the SMS renders to [\d,]+ characters; at most 1,530 fit in 10 segments$/,
      );
  });

  it('rejects an SMS under 1,530 characters whose encoding needs more than 10 segments', () => {
    const result = checkTemplate(engine, {
      type: 'SMS',
      triggerEvent: 'import-stage-changed.v1',
      locale: 'zh',
      content: `{{ vehicle.description }} ${'已清关'.repeat(240)}`,
    });

    expect(result).toMatchObject({ ok: false, issues: [{ code: 'sms-too-long' }] });
    if (!result.ok)
      expect(result.issues[0]?.message).toMatch(
        /^the SMS renders to 1\d segments \(UCS-2\); the limit is 10$/,
      );
  });

  it('catches optional data used without a guard, by rendering the trigger example', () => {
    const result = checkTemplate(engine, email({ content: 'Ref {{ event.stageData.customsReference }}' }));

    expect(result).toMatchObject({
      ok: false,
      issues: [{ code: 'undefined-variable', variable: 'event.stageData.customsReference' }],
    });
  });

  it('accepts Liquid size/first/last on a known variable', () => {
    expect(checkTemplate(engine, email({ content: '{{ customer.firstName.size }}' }))).toMatchObject({
      ok: true,
    });
  });

  it('accepts templates reps send by hand, with the customer, vehicle, company and links', () => {
    const result = checkTemplate(engine, {
      type: 'SMS',
      locale: 'en',
      content: 'Hi {{ customer.firstName }}, about your {{ vehicle.make }}: call {{ company.phone }}',
    });

    expect(result).toEqual({ ok: true, variables: ['company.phone', 'customer.firstName', 'vehicle.make'] });
  });
});
