import type { Channel } from '../channels.js';
import type { CustomerContact, VehicleProjection } from '../customers/projections.js';
import type { TemplateRepository } from '../ports.js';
import type { RenderPurpose } from './limits.js';
import type { RenderedEmail, RenderedSms, TemplateEngine, TemplateIssue } from './liquid-engine.js';
import { resolveLocale } from './locales.js';
import { buildRenderContext, type CompanyProfile, type RenderContext } from './render-context.js';
import type { Template, TemplateVersion } from './template.js';

export type Preview =
  | { ok: true; channel: 'Email'; email: RenderedEmail }
  | { ok: true; channel: 'SMS'; sms: RenderedSms }
  | { ok: false; issues: TemplateIssue[] };

/** What a customer receives from a template now: its active version in their language, rendered. */
export type ActiveRender =
  | { ok: true; version: TemplateVersion; email: RenderedEmail }
  | { ok: true; version: TemplateVersion; sms: RenderedSms }
  | { ok: false; reason: 'template-inactive' }
  | { ok: false; reason: 'template-error'; issues: TemplateIssue[] };

/** The records a message is rendered from. */
export interface RenderRecords {
  detail: Record<string, unknown>;
  contact: CustomerContact;
  vehicle?: VehicleProjection;
  /** The customer's language (their preference, else the CRM's). */
  language?: string;
}

/** Versions kept in memory for sending; far above the number of active versions of a deployment. */
const ACTIVE_CONTENT_CACHE = 500;

/**
 * The send path of templates: a template's active version in the customer's language, rendered with their
 * records. All that a function which only sends needs (the trigger-service, the log-service's channel fallback):
 * authoring — versions, review, save-time checks and their variable catalogue, diffs — is `TemplateService`'s,
 * and stays out of those functions' bundles.
 */
export class TemplateRenderer {
  private readonly activeContent = new Map<string, TemplateVersion>();
  protected readonly templates: TemplateRepository;
  protected readonly company: CompanyProfile;
  private readonly loadEngine: () => Promise<TemplateEngine>;
  private engine: Promise<TemplateEngine> | undefined;

  /**
   * `company` is what every message names. `engine` may be given as a loader: a process that seldom renders then
   * loads and warms the template engine on the first render instead of at every cold start.
   */
  constructor(options: {
    templates: TemplateRepository;
    engine: TemplateEngine | (() => Promise<TemplateEngine>);
    company: CompanyProfile;
  }) {
    this.templates = options.templates;
    const { engine } = options;
    this.loadEngine = typeof engine === 'function' ? engine : () => Promise.resolve(engine);
    this.company = options.company;
  }

  /** Renders the active version for a customer; says why when there is none or it cannot render. */
  async renderActive(template: Template, records: RenderRecords): Promise<ActiveRender> {
    const version = await this.activeVersionFor(template, records.language);
    if (!version) return { ok: false, reason: 'template-inactive' };
    const context = buildRenderContext({
      detail: records.detail,
      customer: records.contact,
      ...(records.vehicle ? { vehicle: records.vehicle } : {}),
      company: this.company,
      locale: version.locale,
    });
    const key = { templateId: template.templateId, version: version.version, locale: version.locale };
    const preview = await this.render(template.type, key, version, context, 'sending');
    if (!preview.ok) return { ok: false, reason: 'template-error', issues: preview.issues };
    return preview.channel === 'Email'
      ? { ok: true, version, email: preview.email }
      : { ok: true, version, sms: preview.sms };
  }

  /** The active version to send to a customer speaking `language`, or undefined when none is active. */
  async activeVersionFor(
    template: Template,
    language: string | undefined,
  ): Promise<TemplateVersion | undefined> {
    if (!template.isActive) return undefined;
    const locale = resolveLocale(Object.keys(template.activeVersions), language, template.defaultLocale);
    const version = template.activeVersions[locale];
    if (version === undefined) return undefined;
    // A version's content never changes once saved, so the send path reads each one once per process.
    const key = `${template.templateId}#${version}`;
    const cached = this.activeContent.get(key);
    if (cached) return cached;
    const found = await this.templates.getVersion(template.templateId, version);
    if (!found) return undefined;
    if (this.activeContent.size >= ACTIVE_CONTENT_CACHE) {
      const oldest = this.activeContent.keys().next().value;
      if (oldest !== undefined) this.activeContent.delete(oldest);
    }
    this.activeContent.set(key, found);
    return found;
  }

  /** The engine, loaded once; a load that failed is tried again by the next render. */
  protected templateEngine(): Promise<TemplateEngine> {
    this.engine ??= this.loadEngine().catch((error: unknown) => {
      this.engine = undefined;
      throw error;
    });
    return this.engine;
  }

  protected async render(
    type: Channel,
    key: { templateId: string; version: number; locale: string } | undefined,
    source: { subject?: string; content: string },
    context: RenderContext,
    purpose: RenderPurpose = 'authoring',
  ): Promise<Preview> {
    const engine = await this.templateEngine();
    if (type === 'Email') {
      const result = engine.renderEmail(
        key,
        { subject: source.subject ?? '', content: source.content },
        context,
        purpose,
      );
      return result.ok ? { ok: true, channel: 'Email', email: result.value } : result;
    }
    const result = engine.renderSms(key, source.content, context, purpose);
    return result.ok ? { ok: true, channel: 'SMS', sms: result.value } : result;
  }
}
