import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDocumentClient, DynamoCustomerRepository, DynamoTemplateRepository } from '@import-comms/aws';
import {
  type Actor,
  type Channel,
  type DomainError,
  LiquidTemplateEngine,
  type MessageCategory,
  SAMPLE_COMPANY,
  seedDefaultTemplates,
  systemClock,
  type Template,
  TemplateService,
  type TemplateVersion,
} from '@import-comms/core';
import { CliError, type CliIo } from '../io.js';
import { connect, TARGET_OPTIONS, TARGET_USAGE, type Target } from '../target.js';

export const seedUsage = `comms seed [--table <name>] [--json]

Creates the default templates (seven scenarios, email and SMS, English and Chinese) that the table does not have
yet, active; templates already there, even edited, are left alone. ${TARGET_USAGE}`;
export const exportUsage = `comms templates export --dir <folder> [--table <name>] [--json]

Writes every template as files for review in git: <folder>/<id>/template.json (settings and the versions
exported), <locale>.liquid (content) and <locale>.subject.txt (email subject), from the active version of each
language (the latest version when none is active).`;
export const importUsage = `comms templates import --dir <folder> [--as <name>] [--table <name>] [--json]

Reads the files \`templates export\` writes: a new template is created, a changed language becomes a new Draft
version; nothing is activated — drafts go through review and approval as usual. --as names who made the change
(default: your user name).`;

function open(values: Parameters<typeof connect>[0]) {
  const target: Target = connect(values);
  if (!target.tableName) throw new CliError('--table <deployed table name> is needed with --aws', 2);
  const documents = createDocumentClient(target.dynamo);
  const templates = new DynamoTemplateRepository(documents, target.tableName);
  const customers = new DynamoCustomerRepository(documents, target.tableName);
  const engine = new LiquidTemplateEngine();
  return {
    target,
    templates,
    engine,
    // Import only checks and stores drafts: what it renders (the save check's sample) reaches no customer.
    service: new TemplateService({
      templates,
      engine,
      clock: systemClock,
      customers,
      company: SAMPLE_COMPANY,
    }),
  };
}

async function allTemplates(templates: DynamoTemplateRepository): Promise<Template[]> {
  const all: Template[] = [];
  let cursor: string | undefined;
  do {
    const page = await templates.list(100, cursor);
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}

export async function seed(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: TARGET_OPTIONS, strict: true });
  if (values.help) {
    io.stdout(`${seedUsage}\n`);
    return 0;
  }
  const { templates, engine } = open(values);
  const result = await seedDefaultTemplates(templates, engine, systemClock);
  io.stdout(
    values.json
      ? `${JSON.stringify(result)}\n`
      : `created ${result.created.length} template(s); ${result.existing.length} already there\n`,
  );
  return 0;
}

interface TemplateFile {
  templateId: string;
  name: string;
  type: Channel;
  category: MessageCategory;
  triggerEvent?: string;
  triggerFilter?: Record<string, unknown>;
  fallback?: boolean;
  dueDateOffsetDays?: number;
  defaultLocale: string;
  /** The version each language file was exported from. */
  exportedVersions: Record<string, number>;
}

/** The version of each locale to export: the active one, else the latest. */
function versionsToExport(template: Template, versions: TemplateVersion[]): TemplateVersion[] {
  const locales = [...new Set(versions.map((version) => version.locale))].sort();
  return locales.flatMap((locale) => {
    const active = template.activeVersions[locale];
    const chosen =
      versions.find((version) => version.locale === locale && version.version === active) ??
      versions.filter((version) => version.locale === locale).sort((a, b) => b.version - a.version)[0];
    return chosen ? [chosen] : [];
  });
}

export async function templatesExport(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, dir: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${exportUsage}\n`);
    return 0;
  }
  if (!values.dir) throw new CliError(`missing --dir\n\n${exportUsage}`, 2);
  const { templates } = open(values);
  const exported: string[] = [];
  for (const template of await allTemplates(templates)) {
    const versions = versionsToExport(template, await templates.listVersions(template.templateId));
    const folder = path.join(values.dir, template.templateId);
    await mkdir(folder, { recursive: true });
    const file: TemplateFile = {
      templateId: template.templateId,
      name: template.name,
      type: template.type,
      category: template.category,
      ...(template.triggerEvent ? { triggerEvent: template.triggerEvent } : {}),
      ...(template.triggerFilter ? { triggerFilter: template.triggerFilter } : {}),
      ...(template.fallback ? { fallback: true } : {}),
      ...(template.dueDateOffsetDays !== undefined ? { dueDateOffsetDays: template.dueDateOffsetDays } : {}),
      defaultLocale: template.defaultLocale,
      exportedVersions: Object.fromEntries(versions.map((version) => [version.locale, version.version])),
    };
    await writeFile(path.join(folder, 'template.json'), `${JSON.stringify(file, null, 2)}\n`);
    for (const version of versions) {
      await writeFile(path.join(folder, `${version.locale}.liquid`), `${version.content}\n`);
      if (version.subject !== undefined)
        await writeFile(path.join(folder, `${version.locale}.subject.txt`), `${version.subject}\n`);
    }
    exported.push(template.templateId);
  }
  io.stdout(
    values.json
      ? `${JSON.stringify({ exported })}\n`
      : `exported ${exported.length} template(s) to ${values.dir}\n`,
  );
  return 0;
}

const withoutFinalNewline = (text: string) => text.replace(/\n$/, '');

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return withoutFinalNewline(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export async function templatesImport(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...TARGET_OPTIONS, dir: { type: 'string' }, as: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    io.stdout(`${importUsage}\n`);
    return 0;
  }
  if (!values.dir) throw new CliError(`missing --dir\n\n${importUsage}`, 2);
  const { templates, service } = open(values);
  const actor: Actor = { id: `cli:${values.as ?? userInfo().username}`, roles: ['agent'] };
  const report = {
    created: [] as string[],
    revised: [] as string[],
    unchanged: [] as string[],
    failed: [] as string[],
  };
  for (const entry of (await readdir(values.dir, { withFileTypes: true })).filter((e) => e.isDirectory())) {
    const folder = path.join(values.dir, entry.name);
    const settings = JSON.parse(await readFile(path.join(folder, 'template.json'), 'utf8')) as TemplateFile;
    const locales = (await readdir(folder))
      .filter((name) => name.endsWith('.liquid'))
      .map((name) => name.slice(0, -7));
    const source = async (locale: string) => {
      const subject = await readOptional(path.join(folder, `${locale}.subject.txt`));
      return {
        locale,
        content: withoutFinalNewline(await readFile(path.join(folder, `${locale}.liquid`), 'utf8')),
        ...(subject !== undefined ? { subject } : {}),
      };
    };
    try {
      const existing = await templates.get(settings.templateId);
      const versions = existing ? await templates.listVersions(settings.templateId) : [];
      let changed = false;
      for (const locale of [settings.defaultLocale, ...locales.filter((l) => l !== settings.defaultLocale)]) {
        if (!locales.includes(locale)) continue;
        const wanted = await source(locale);
        if (!existing && !changed) {
          await service.create(
            {
              templateId: settings.templateId,
              name: settings.name,
              type: settings.type,
              category: settings.category,
              ...(settings.triggerEvent ? { triggerEvent: settings.triggerEvent } : {}),
              ...(settings.triggerFilter ? { triggerFilter: settings.triggerFilter } : {}),
              ...(settings.fallback ? { fallback: true } : {}),
              ...wanted,
              changeNote: 'imported from files',
            },
            actor,
          );
          changed = true;
          continue;
        }
        const latest = versions
          .filter((version) => version.locale === locale)
          .sort((a, b) => b.version - a.version)[0];
        if (latest && latest.content === wanted.content && (latest.subject ?? undefined) === wanted.subject)
          continue;
        await service.revise(settings.templateId, { ...wanted, changeNote: 'imported from files' }, actor);
        changed = true;
      }
      (existing ? (changed ? report.revised : report.unchanged) : report.created).push(settings.templateId);
    } catch (error) {
      report.failed.push(`${settings.templateId}: ${(error as DomainError).message}`);
    }
  }
  io.stdout(
    values.json
      ? `${JSON.stringify(report)}\n`
      : `created ${report.created.length}, new drafts for ${report.revised.length}, unchanged ${report.unchanged.length}${report.failed.map((line) => `\nFAILED ${line}`).join('')}\n`,
  );
  return report.failed.length > 0 ? 1 : 0;
}
