import { convert as htmlToText } from 'html-to-text';
import { type Context, Liquid, type Template as ParsedTemplate } from 'liquidjs';
import { type FormatSettings, localDate, money, stageLabel } from './filters.js';
import type { RenderContext } from './render-context.js';
import { type SmsInfo, smsInfo } from './sms.js';

/** A problem with a template, located where liquidjs can tell. */
export interface TemplateIssue {
  code:
    | 'syntax'
    | 'unknown-variable'
    | 'undefined-variable'
    | 'render'
    | 'subject-line-break'
    | 'missing-subject'
    | 'sms-too-long'
    | 'unknown-trigger'
    | 'invalid-filter';
  message: string;
  part?: 'subject' | 'content';
  line?: number;
  column?: number;
  variable?: string;
}

export type RenderResult<T> = { ok: true; value: T } | { ok: false; issues: TemplateIssue[] };

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface RenderedSms extends SmsInfo {
  text: string;
}

/** A global variable a template reads, where it reads it. */
export interface VariableUse {
  path: string;
  line: number;
  column: number;
}

/** Identifies one parsed template part in the cache: template id, version, locale and part. */
export interface TemplateKey {
  templateId: string;
  version: number;
  locale: string;
}

/** The port for rendering: one engine instance per process, parsed templates cached. */
export interface TemplateEngine {
  /** `key` caches the parsed template; without one (unsaved drafts) the source is parsed every time. */
  renderEmail(
    key: TemplateKey | undefined,
    source: { subject: string; content: string },
    context: RenderContext,
  ): RenderResult<RenderedEmail>;
  renderSms(key: TemplateKey | undefined, content: string, context: RenderContext): RenderResult<RenderedSms>;
  /** Renders one Liquid source to a string (throws on errors); `html` escapes every output. */
  renderLiquid(
    key: TemplateKey | undefined,
    part: string,
    source: string,
    context: RenderContext,
    output: 'html' | 'text',
  ): string;
  /** Parses without rendering: syntax errors, or the global variables the template reads. */
  analyse(source: string, part: 'subject' | 'content'): RenderResult<VariableUse[]>;
}

const FORBIDDEN_TAGS = ['include', 'render', 'layout'];
const MAX_CACHE_ENTRIES = 2_000;

function located(error: unknown, part: 'subject' | 'content'): TemplateIssue {
  const err = error as Error & { token?: { getPosition?: () => [number, number] }; originalError?: Error };
  const position = err.token?.getPosition?.();
  const message = (err.message ?? String(error)).replace(/, line:\d+, col:\d+$/, '');
  const undefinedVariable = /^undefined variable: (.+)$/.exec(message);
  return {
    code: undefinedVariable
      ? 'undefined-variable'
      : err.name === 'ParseError' || err.name === 'TokenizationError'
        ? 'syntax'
        : 'render',
    message,
    part,
    ...(position ? { line: position[0], column: position[1] } : {}),
    ...(undefinedVariable?.[1] ? { variable: undefinedVariable[1] } : {}),
  };
}

/** What liquidjs binds `this` to in a filter. */
type FilterThis = { context: Context };

function formatOf(filter: FilterThis): FormatSettings {
  const format = (filter.context.environments as Partial<RenderContext>).format;
  return format ?? { locale: 'en', timezone: 'UTC' };
}

/**
 * A liquidjs instance configured as every template is rendered: strict, self-contained, with the formatting
 * filters; `escapeHtml` escapes every output (email bodies).
 */
export function createLiquid(escapeHtml: boolean): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    templates: {},
    cache: false,
    ...(escapeHtml ? { outputEscape: 'escape' as const } : {}),
  });
  for (const tag of FORBIDDEN_TAGS) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(`{% ${tag} %} is not available: templates are self-contained`);
      },
      render() {},
    });
  }
  // `raw` would switch escaping off for a value: customer data must never reach the HTML unescaped.
  engine.registerFilter('raw', (value: unknown) => value);
  engine.registerFilter('stage_label', function (this: FilterThis, value: unknown) {
    return stageLabel(value, formatOf(this));
  });
  engine.registerFilter('money', function (this: FilterThis, value: unknown) {
    return money(value, formatOf(this));
  });
  engine.registerFilter('local_date', function (this: FilterThis, value: unknown, style?: unknown) {
    return localDate(value, formatOf(this), style);
  });
  return engine;
}

/**
 * Liquid rendering with liquidjs. Two instances share one configuration: HTML output escapes every value,
 * text output (subjects, SMS) does not. Strict variables and filters catch typos; `lenientIf` keeps
 * `{% if %}` and `| default` usable on optional data. Templates cannot include files or reach anything
 * outside the render context (own properties only, no prototype access).
 */
export class LiquidTemplateEngine implements TemplateEngine {
  private readonly html: Liquid;
  private readonly text: Liquid;
  private readonly cache = new Map<string, ParsedTemplate[]>();

  constructor() {
    this.html = createLiquid(true);
    this.text = createLiquid(false);
  }

  private parsed(engine: Liquid, cacheKey: string, source: string): ParsedTemplate[] {
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    const templates = engine.parse(source);
    if (this.cache.size >= MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(cacheKey, templates);
    return templates;
  }

  renderLiquid(
    key: TemplateKey | undefined,
    part: string,
    source: string,
    context: RenderContext,
    output: 'html' | 'text',
  ): string {
    return this.renderPart(output === 'html' ? this.html : this.text, key, part, source, context);
  }

  private renderPart(
    engine: Liquid,
    key: TemplateKey | undefined,
    part: string,
    source: string,
    context: RenderContext,
  ): string {
    const templates = key
      ? this.parsed(engine, `${key.templateId}@${key.version}/${key.locale}/${part}`, source)
      : engine.parse(source);
    return engine.renderSync(templates, context) as string;
  }

  renderEmail(
    key: TemplateKey | undefined,
    source: { subject: string; content: string },
    context: RenderContext,
  ): RenderResult<RenderedEmail> {
    const issues: TemplateIssue[] = [];
    let subject = '';
    let html = '';
    try {
      subject = this.renderPart(this.text, key, 'subject', source.subject, context).trim();
      if (/[\r\n]/.test(subject)) {
        issues.push({
          code: 'subject-line-break',
          part: 'subject',
          message: 'the rendered subject contains a line break',
        });
      } else if (subject === '') {
        issues.push({ code: 'missing-subject', part: 'subject', message: 'the rendered subject is empty' });
      }
    } catch (error) {
      issues.push(located(error, 'subject'));
    }
    try {
      html = this.renderPart(this.html, key, 'html', source.content, context);
    } catch (error) {
      issues.push(located(error, 'content'));
    }
    if (issues.length > 0) return { ok: false, issues };
    const text = htmlToText(html, {
      wordwrap: 100,
      selectors: [{ selector: 'a', options: { hideLinkHrefIfSameAsText: true } }],
    });
    return { ok: true, value: { subject, html, text } };
  }

  renderSms(
    key: TemplateKey | undefined,
    content: string,
    context: RenderContext,
  ): RenderResult<RenderedSms> {
    try {
      const text = this.renderPart(this.text, key, 'sms', content, context).trim();
      return { ok: true, value: { text, ...smsInfo(text) } };
    } catch (error) {
      return { ok: false, issues: [located(error, 'content')] };
    }
  }

  analyse(source: string, part: 'subject' | 'content'): RenderResult<VariableUse[]> {
    try {
      const parsed = this.html.parse(source);
      const analysis = this.html.analyzeSync(parsed);
      const uses: VariableUse[] = [];
      for (const variables of Object.values(analysis.globals)) {
        for (const variable of variables) {
          uses.push({
            path: variable.segments.map(String).join('.'),
            line: variable.location.row,
            column: variable.location.col,
          });
        }
      }
      return { ok: true, value: uses.sort((a, b) => a.line - b.line || a.column - b.column) };
    } catch (error) {
      return { ok: false, issues: [located(error, part)] };
    }
  }
}
