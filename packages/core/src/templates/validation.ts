import type { Channel } from '../channels.js';
import { CONTROL_CHARACTER, type RenderPurpose, TEMPLATE_LIMITS } from './limits.js';
import type { TemplateEngine, TemplateIssue } from './liquid-engine.js';
import { sampleRenderContext } from './samples.js';
import { SMS_SEGMENT_LIMIT } from './sms.js';
import { findTrigger, MANUAL_TRIGGER } from './triggers.js';
import { variableCatalogue } from './variable-catalogue.js';

export interface TemplateSource {
  type: Channel;
  /** Trigger id; absent for templates reps send by hand. */
  triggerEvent?: string;
  locale: string;
  subject?: string;
  content: string;
}

export type TemplateCheck = { ok: true; variables: string[] } | { ok: false; issues: TemplateIssue[] };

/** Properties Liquid offers on any value; `customer.firstName.size` is as known as `customer.firstName`. */
const BUILT_IN_PROPERTIES = new Set(['size', 'first', 'last']);

/**
 * Everything that must hold before a template version is saved: valid Liquid, only variables the trigger
 * provides, a single-line subject for email, an SMS of at most 10 segments when rendered with sample data.
 * Returns the variables the template uses (the seed's `variables` field), computed, never trusted.
 */
export function checkTemplate(
  engine: TemplateEngine,
  source: TemplateSource,
  purpose: RenderPurpose = 'authoring',
): TemplateCheck {
  const triggerId = source.triggerEvent ?? MANUAL_TRIGGER;
  const trigger = findTrigger(triggerId);
  if (!trigger) {
    return {
      ok: false,
      issues: [{ code: 'unknown-trigger', message: `there is no trigger "${triggerId}"` }],
    };
  }
  const issues: TemplateIssue[] = [];
  if (source.content.trim() === '')
    issues.push({ code: 'syntax', part: 'content', message: 'content is empty' });
  if (source.content.length > TEMPLATE_LIMITS.sourceCharacters) {
    issues.push({
      code: 'syntax',
      part: 'content',
      message: `content is longer than ${TEMPLATE_LIMITS.sourceCharacters} characters`,
    });
  }
  const parts: { part: 'subject' | 'content'; text: string }[] = [{ part: 'content', text: source.content }];
  if (source.type === 'Email') {
    if (!source.subject?.trim()) {
      issues.push({ code: 'missing-subject', part: 'subject', message: 'an email template needs a subject' });
    } else if (CONTROL_CHARACTER.test(source.subject)) {
      issues.push({
        code: 'subject-line-break',
        part: 'subject',
        message: 'the subject must be a single line, without control characters',
      });
    } else {
      parts.unshift({ part: 'subject', text: source.subject });
    }
  }

  const known = new Set(variableCatalogue(trigger).map((variable) => variable.path));
  const used = new Set<string>();
  for (const { part, text } of parts) {
    const analysis = engine.analyse(text, part);
    if (!analysis.ok) {
      issues.push(...analysis.issues);
      continue;
    }
    for (const use of analysis.value) {
      const segments = use.path.split('.');
      const last = segments.at(-1) ?? '';
      const path =
        BUILT_IN_PROPERTIES.has(last) && segments.length > 1 ? segments.slice(0, -1).join('.') : use.path;
      if (known.has(path)) {
        used.add(path);
      } else {
        issues.push({
          code: 'unknown-variable',
          part,
          line: use.line,
          column: use.column,
          variable: use.path,
          message: `unknown variable "${use.path}": not provided by the trigger ${trigger.id}`,
        });
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  // Rendering with the trigger's example catches what parsing cannot: unguarded optional data, bad filters
  // arguments, and the length of the SMS customers will actually receive.
  const context = sampleRenderContext(trigger.id, source.locale);
  if (source.type === 'Email') {
    const rendered = engine.renderEmail(
      undefined,
      { subject: source.subject ?? '', content: source.content },
      context,
      purpose,
    );
    if (!rendered.ok) return rendered;
  } else {
    const rendered = engine.renderSms(undefined, source.content, context, purpose);
    if (!rendered.ok) return rendered;
    if (rendered.value.segments > SMS_SEGMENT_LIMIT) {
      return {
        ok: false,
        issues: [
          {
            code: 'sms-too-long',
            part: 'content',
            message: `the SMS renders to ${rendered.value.segments} segments (${rendered.value.encoding}); the limit is ${SMS_SEGMENT_LIMIT}`,
          },
        ],
      };
    }
  }
  return { ok: true, variables: [...used].sort() };
}
