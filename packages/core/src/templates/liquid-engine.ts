import { Context, type Emitter, Liquid, type Template as ParsedTemplate, toValueSync } from 'liquidjs';
import { type FormatSettings, localDate, money, stageLabel } from './filters.js';
import {
  CONTROL_CHARACTER,
  type OutputPart,
  type RenderPurpose,
  TEMPLATE_LIMITS,
  type TemplateLimits,
} from './limits.js';
import { plainTextOf } from './plain-text.js';
import type { RenderContext } from './render-context.js';
import { SMS_CHARACTER_LIMIT, SMS_SEGMENT_LIMIT, type SmsInfo, smsInfo } from './sms.js';

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
    | 'limit'
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
  /**
   * `key` caches the parsed template; without one (unsaved drafts) the source is parsed every time. `purpose`
   * picks the render time limit (authoring unless said otherwise: the tighter one).
   */
  renderEmail(
    key: TemplateKey | undefined,
    source: { subject: string; content: string },
    context: RenderContext,
    purpose?: RenderPurpose,
  ): RenderResult<RenderedEmail>;
  renderSms(
    key: TemplateKey | undefined,
    content: string,
    context: RenderContext,
    purpose?: RenderPurpose,
  ): RenderResult<RenderedSms>;
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

const WARM_UP =
  "{{ amount | money }}{{ '2026-12-14T08:00:00Z' | local_date: 'datetime' }}{{ '2026-12-14' | local_date }}{{ 'SHIPPED' | stage_label }}";
const FORBIDDEN_TAGS = ['include', 'render', 'layout'];
const MAX_CACHE_ENTRIES = 2_000;

/** What a template over one of liquidjs's limits is told, naming the limit and its value. */
const limitMessages = (limits: TemplateLimits): [RegExp, string][] => [
  [
    /parse length limit exceeded/,
    `the template is longer than ${limits.sourceCharacters.toLocaleString('en')} characters (source limit)`,
  ],
  [
    /memory alloc limit exceeded/,
    `the template allocates more than ${limits.memoryUnits.toLocaleString('en')} items or characters (memory limit): each element of a range (a..b) and each character a filter makes counts`,
  ],
];

const OUTPUT_NAMES: Record<OutputPart, string> = { subject: 'subject', emailHtml: 'email body', sms: 'SMS' };

/** A render stopped by one of the limits this module enforces itself; the message names the limit. */
class RenderLimitError extends Error {}

/** How often, at most, a render reads its CPU time (reading it costs microseconds; a real render takes less). */
const CPU_SAMPLE_MS = 5;

/**
 * liquidjs's render limit, checked between nodes and loop iterations with the time liquidjs has just read, counted
 * as the smaller of wall time and the process's CPU time: wall time includes waiting for a core on a busy machine,
 * and process CPU time includes the collector's and compiler's threads, so a real template fails for neither.
 * Node 20 has no per-thread clock. The CPU clock is first read once a render has run `CPU_SAMPLE_MS`, and that
 * first stretch counts as CPU time whole: the renders of real templates (well under a millisecond) never read it.
 */
class CpuTimeBudget {
  private readonly startedAt = performance.now();
  private nextSample = this.startedAt + CPU_SAMPLE_MS;
  private cpuSince: { usage: NodeJS.CpuUsage; milliseconds: number } | undefined;
  constructor(
    private readonly milliseconds: number,
    private readonly limits: TemplateLimits,
  ) {}
  use(): void {}
  check(now: number): void {
    if (now < this.nextSample) return;
    this.nextSample = now + CPU_SAMPLE_MS;
    const wall = now - this.startedAt;
    if (!this.cpuSince) {
      this.cpuSince = { usage: process.cpuUsage(), milliseconds: wall };
      return;
    }
    const used = process.cpuUsage(this.cpuSince.usage);
    const cpu = this.cpuSince.milliseconds + (used.user + used.system) / 1000;
    if (Math.min(cpu, wall) > this.milliseconds) {
      const { authoring, sending } = this.limits.renderMilliseconds;
      throw new RenderLimitError(
        `the template takes longer than ${authoring} ms to render (render time limit${sending === authoring ? '' : `; ${sending} ms when sending`}): look for long or nested loops`,
      );
    }
  }
}

/** A rendered part grew past its output limit (counted as it is written). */
class OutputLimitError extends RenderLimitError {
  constructor(part: OutputPart, limit: number) {
    super(
      `the ${OUTPUT_NAMES[part]} renders to more than ${limit.toLocaleString('en')} characters (output limit)`,
    );
  }
}

/** Liquid's own buffer, refusing to grow past `limit` characters: a loop cannot build a huge string. */
class CappedEmitter implements Emitter {
  buffer = '';
  constructor(
    private readonly limit: number,
    private readonly part: OutputPart,
  ) {}
  write(html: unknown): void {
    const text =
      html === null || html === undefined ? '' : Array.isArray(html) ? html.join('') : String(html);
    if (this.buffer.length + text.length > this.limit) throw new OutputLimitError(this.part, this.limit);
    this.buffer += text;
  }
}

function located(error: unknown, part: 'subject' | 'content', limits: TemplateLimits): TemplateIssue {
  const err = error as Error & { token?: { getPosition?: () => [number, number] }; originalError?: Error };
  const cause = err instanceof RenderLimitError ? err : err.originalError;
  if (cause instanceof RenderLimitError) return { code: 'limit', part, message: cause.message };
  const limit = limitMessages(limits).find(([pattern]) => pattern.test(err.message ?? ''));
  if (limit) return { code: 'limit', part, message: limit[1] };
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
export function createLiquid(escapeHtml: boolean, limits: TemplateLimits = TEMPLATE_LIMITS): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    templates: {},
    cache: false,
    parseLimit: limits.sourceCharacters,
    memoryLimit: limits.memoryUnits,
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

  /** `limits` other than the defaults are for tests (e.g. proving the default templates fit with margin). */
  constructor(private readonly limits: TemplateLimits = TEMPLATE_LIMITS) {
    this.html = createLiquid(true, limits);
    this.text = createLiquid(false, limits);
    // The first use of each formatting filter loads locale data (tens of ms): paid here, at start-up, rather
    // than inside the first render's time limit.
    for (const locale of ['en', 'zh']) {
      this.text.parseAndRenderSync(WARM_UP, {
        amount: { amount: 1234.5, currency: 'AUD' },
        format: { locale, timezone: 'Australia/Sydney' },
      });
    }
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
    return this.renderPart(
      output === 'html' ? this.html : this.text,
      key,
      part,
      source,
      context,
      output === 'html' ? 'emailHtml' : 'subject',
    );
  }

  private renderPart(
    engine: Liquid,
    key: TemplateKey | undefined,
    part: string,
    source: string,
    context: RenderContext,
    output: OutputPart,
    purpose: RenderPurpose = 'authoring',
  ): string {
    const templates = key
      ? this.parsed(engine, `${key.templateId}@${key.version}/${key.locale}/${part}`, source)
      : engine.parse(source);
    // renderSync's own, with an emitter that stops the render at the part's output limit.
    const emitter = new CappedEmitter(this.limits.output[output], output);
    const renderLimit = new CpuTimeBudget(this.limits.renderMilliseconds[purpose], this.limits);
    const scope = new Context(
      context,
      engine.options,
      { sync: true },
      {
        liquid: engine,
        renderLimit: renderLimit as unknown as NonNullable<
          ConstructorParameters<typeof Context>[3]
        >['renderLimit'],
      },
    );
    toValueSync(engine.renderer.renderTemplates(templates, scope, emitter));
    return emitter.buffer;
  }

  renderEmail(
    key: TemplateKey | undefined,
    source: { subject: string; content: string },
    context: RenderContext,
    purpose: RenderPurpose = 'authoring',
  ): RenderResult<RenderedEmail> {
    const issues: TemplateIssue[] = [];
    let subject = '';
    let html = '';
    try {
      subject = this.renderPart(
        this.text,
        key,
        'subject',
        source.subject,
        context,
        'subject',
        purpose,
      ).trim();
      if (CONTROL_CHARACTER.test(subject)) {
        issues.push({
          code: 'subject-line-break',
          part: 'subject',
          message: 'the rendered subject contains a line break or control character',
        });
      } else if (subject === '') {
        issues.push({ code: 'missing-subject', part: 'subject', message: 'the rendered subject is empty' });
      }
    } catch (error) {
      issues.push(located(error, 'subject', this.limits));
    }
    try {
      html = this.renderPart(this.html, key, 'html', source.content, context, 'emailHtml', purpose);
    } catch (error) {
      issues.push(located(error, 'content', this.limits));
    }
    if (issues.length > 0) return { ok: false, issues };
    return { ok: true, value: { subject, html, text: plainTextOf(html) } };
  }

  renderSms(
    key: TemplateKey | undefined,
    content: string,
    context: RenderContext,
    purpose: RenderPurpose = 'authoring',
  ): RenderResult<RenderedSms> {
    try {
      const text = this.renderPart(this.text, key, 'sms', content, context, 'sms', purpose).trim();
      // Over this many characters no encoding fits the segment limit: refused before segments are counted.
      if (text.length > SMS_CHARACTER_LIMIT) {
        return {
          ok: false,
          issues: [
            {
              code: 'sms-too-long',
              part: 'content',
              message: `the SMS renders to ${text.length.toLocaleString('en')} characters; at most ${SMS_CHARACTER_LIMIT.toLocaleString('en')} fit in ${SMS_SEGMENT_LIMIT} segments`,
            },
          ],
        };
      }
      return { ok: true, value: { text, ...smsInfo(text) } };
    } catch (error) {
      return { ok: false, issues: [located(error, 'content', this.limits)] };
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
      return { ok: false, issues: [located(error, part, this.limits)] };
    }
  }
}
