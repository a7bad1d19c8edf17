import { liquid } from '@codemirror/lang-liquid';
import { EditorView } from '@codemirror/view';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import CodeMirror from '@uiw/react-codemirror';
import clsx from 'clsx';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError, api } from '../api/client';
import type {
  Category,
  Channel,
  Preview,
  Template,
  TemplateVersion,
  Trigger,
  VersionState,
} from '../api/types';
import { useSession } from '../auth/session';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  Field,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
} from '../components/ui';

const STATE_COLOURS: Record<VersionState, string> = {
  Draft: 'bg-slate-100 text-slate-700',
  InReview: 'bg-amber-100 text-amber-800',
  Approved: 'bg-sky-100 text-sky-800',
  Rejected: 'bg-rose-100 text-rose-800',
  Active: 'bg-emerald-100 text-emerald-800',
  Retired: 'bg-slate-200 text-slate-600',
};

function StateBadge({ state }: { state: VersionState }) {
  return (
    <span className={clsx('rounded-full px-2 py-0.5 text-xs font-medium', STATE_COLOURS[state])}>
      {state === 'InReview' ? 'In review' : state}
    </span>
  );
}

const useTriggers = () =>
  useQuery({
    queryKey: ['triggers'],
    queryFn: () => api<{ items: Trigger[] }>('/triggers'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export function TemplatesPage() {
  const templates = useQuery({
    queryKey: ['templates', 'all'],
    queryFn: () => api<{ items: Template[] }>('/templates?limit=100'),
  });
  const triggers = useTriggers();
  const label = (id: string | undefined) =>
    triggers.data?.items.find((trigger) => trigger.id === (id ?? 'manual'))?.label ?? id ?? 'Sent by a rep';
  return (
    <>
      <PageHeader title="Templates">
        <Link
          to="/templates/new"
          className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white"
        >
          New template
        </Link>
      </PageHeader>
      <Card>
        {templates.isPending && <Loading />}
        {templates.error && <ErrorNotice error={templates.error} retry={() => templates.refetch()} />}
        {templates.data?.items.length === 0 && <Empty>No templates yet.</Empty>}
        {templates.data && templates.data.items.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Name
                </th>
                <th scope="col" className="px-3 py-2">
                  Channel
                </th>
                <th scope="col" className="px-3 py-2">
                  Sent when
                </th>
                <th scope="col" className="px-3 py-2">
                  Active versions
                </th>
                <th scope="col" className="px-3 py-2">
                  Latest
                </th>
              </tr>
            </thead>
            <tbody>
              {templates.data.items.map((template) => (
                <tr key={template.templateId} className="border-b border-slate-100">
                  <td className="px-3 py-2">
                    <Link
                      to={`/templates/${template.templateId}`}
                      className="font-medium text-sky-700 underline"
                    >
                      {template.name}
                    </Link>
                    <p className="text-xs text-slate-500">{template.templateId}</p>
                  </td>
                  <td className="px-3 py-2">{template.type}</td>
                  <td className="px-3 py-2">{label(template.triggerEvent)}</td>
                  <td className="px-3 py-2">
                    {template.isActive
                      ? Object.entries(template.activeVersions)
                          .map(([locale, version]) => `${locale} v${version}`)
                          .join(', ')
                      : 'inactive'}
                  </td>
                  <td className="px-3 py-2">v{template.latestVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function IssueList({ preview }: { preview: Preview | undefined }) {
  if (!preview || preview.ok) return null;
  return (
    <ul
      role="alert"
      aria-label="Template errors"
      className="space-y-1 rounded-md border border-rose-200 bg-rose-50 p-2 text-sm text-rose-800"
    >
      {preview.issues.map((issue) => (
        <li key={`${issue.part}-${issue.line}-${issue.column}-${issue.message}`}>
          {issue.part && <span className="font-medium">{issue.part} </span>}
          {issue.line !== undefined && (
            <span>
              line {issue.line}, column {issue.column}:{' '}
            </span>
          )}
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

function PreviewPane({ preview, loading }: { preview: Preview | undefined; loading: boolean }) {
  if (loading && !preview) return <Loading label="Rendering…" />;
  if (!preview) return null;
  if (!preview.ok) return <IssueList preview={preview} />;
  if (preview.channel === 'Email') {
    return (
      <section aria-label="Rendered email">
        <p className="mb-2 text-sm">
          <span className="text-slate-500">Subject:</span> {preview.email.subject}
        </p>
        <iframe
          title="Rendered email"
          sandbox=""
          srcDoc={preview.email.html}
          className="h-96 w-full rounded border border-slate-200"
        />
      </section>
    );
  }
  return (
    <section aria-label="Rendered SMS" className="space-y-1 text-sm">
      <p className="whitespace-pre-wrap rounded-lg bg-slate-100 p-3">{preview.sms.text}</p>
      <p className="text-slate-500">
        {preview.sms.encoding} · {preview.sms.segments} segment{preview.sms.segments === 1 ? '' : 's'}
      </p>
      {preview.sms.warnings.map((warning) => (
        <p key={warning} className="text-amber-700">
          {warning}
        </p>
      ))}
    </section>
  );
}

function VersionPicker({
  label,
  versions,
  value,
  onChange,
}: {
  label: string;
  versions: number[];
  value: number;
  onChange: (version: number) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select
        className="rounded border border-slate-300 px-1"
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {versions.map((version) => (
          <option key={version} value={version}>
            v{version}
          </option>
        ))}
      </select>
    </label>
  );
}

function DiffView({ templateId, versions }: { templateId: string; versions: TemplateVersion[] }) {
  const numbers = versions.map((version) => version.version).sort((a, b) => a - b);
  const [from, setFrom] = useState(numbers[Math.max(0, numbers.length - 2)] ?? 1);
  const [to, setTo] = useState(numbers[numbers.length - 1] ?? 1);
  const diff = useQuery({
    queryKey: ['diff', templateId, from, to],
    queryFn: () =>
      api<{ subject: { kind: string; text: string }[]; content: { kind: string; text: string }[] }>(
        `/templates/${templateId}/diff?from=${from}&to=${to}`,
      ),
  });
  const lines = (changes: { kind: string; text: string }[]) =>
    changes.map((change, index) => (
      <div
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a diff have no identity of their own
        key={index}
        className={clsx(
          'whitespace-pre-wrap px-2 font-mono text-xs',
          change.kind === 'added' && 'bg-emerald-50 text-emerald-900',
          change.kind === 'removed' && 'bg-rose-50 text-rose-900 line-through',
        )}
      >
        {change.kind === 'added' ? '+ ' : change.kind === 'removed' ? '− ' : '  '}
        {change.text}
      </div>
    ));
  return (
    <Card title="Compare versions">
      <div className="mb-2 flex gap-3 text-sm">
        <VersionPicker label="From" versions={numbers} value={from} onChange={setFrom} />
        <VersionPicker label="To" versions={numbers} value={to} onChange={setTo} />
      </div>
      {diff.isPending && <Loading />}
      {diff.data && (
        <section
          aria-label="Differences"
          className="max-h-96 overflow-y-auto rounded border border-slate-200"
        >
          {diff.data.subject.some((change) => change.kind !== 'unchanged') && (
            <>
              <p className="bg-slate-50 px-2 text-xs font-medium">Subject</p>
              {lines(diff.data.subject)}
            </>
          )}
          <p className="bg-slate-50 px-2 text-xs font-medium">Content</p>
          {lines(diff.data.content)}
        </section>
      )}
    </Card>
  );
}

interface Draft {
  templateId: string;
  name: string;
  type: Channel;
  category: Category;
  triggerEvent: string;
  locale: string;
  subject: string;
  content: string;
  changeNote: string;
}

/** Create or edit a template: Liquid editor, the trigger's variables, live preview, versions and review. */
export function TemplateEditorPage() {
  const { templateId } = useParams();
  const isNew = !templateId;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { user, can } = useSession();
  const triggers = useTriggers();
  const template = useQuery({
    queryKey: ['template', templateId],
    queryFn: () => api<Template>(`/templates/${templateId}`),
    enabled: !isNew,
  });
  const versions = useQuery({
    queryKey: ['versions', templateId],
    queryFn: () => api<{ items: TemplateVersion[] }>(`/templates/${templateId}/versions`),
    enabled: !isNew,
  });
  const [draft, setDraft] = useState<Draft>({
    templateId: '',
    name: '',
    type: 'Email',
    category: 'transactional',
    triggerEvent: '',
    locale: 'en',
    subject: '',
    content: '',
    changeNote: '',
  });
  const [previewCustomer, setPreviewCustomer] = useState('');
  const editor = useRef<EditorView | null>(null);
  const loaded = template.data;
  useEffect(() => {
    if (!loaded) return;
    setDraft((current) => ({
      ...current,
      templateId: loaded.templateId,
      name: loaded.name,
      type: loaded.type,
      category: loaded.category,
      triggerEvent: loaded.triggerEvent ?? '',
      locale: loaded.defaultLocale,
      subject: loaded.subject ?? '',
      content: loaded.content,
    }));
  }, [loaded]);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const source = useDeferredValue({
    type: draft.type,
    locale: draft.locale,
    content: draft.content,
    subject: draft.subject,
    triggerEvent: draft.triggerEvent,
  });
  const preview = useQuery({
    queryKey: ['draft-preview', source, previewCustomer],
    queryFn: () =>
      api<Preview>('/templates/preview', {
        method: 'POST',
        body: {
          type: source.type,
          locale: source.locale,
          content: source.content,
          ...(source.type === 'Email' ? { subject: source.subject } : {}),
          ...(source.triggerEvent ? { triggerEvent: source.triggerEvent } : {}),
          ...(previewCustomer ? { customerId: previewCustomer } : {}),
        },
      }),
    enabled: source.content.trim() !== '',
    placeholderData: (previous) => previous,
  });

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['template', templateId] });
    void queryClient.invalidateQueries({ queryKey: ['versions', templateId] });
    void queryClient.invalidateQueries({ queryKey: ['templates'] });
  };
  const failed = (action: string) => (error: unknown) =>
    toast.error(`${action} failed: ${error instanceof ApiError ? error.message : String(error)}`);

  const save = useMutation({
    mutationFn: (): Promise<unknown> =>
      isNew
        ? api<{ template: Template }>('/templates', {
            method: 'POST',
            body: {
              templateId: draft.templateId,
              name: draft.name,
              type: draft.type,
              category: draft.category,
              locale: draft.locale,
              content: draft.content,
              ...(draft.type === 'Email' ? { subject: draft.subject } : {}),
              ...(draft.triggerEvent ? { triggerEvent: draft.triggerEvent } : {}),
              ...(draft.changeNote ? { changeNote: draft.changeNote } : {}),
            },
          })
        : api<TemplateVersion>(`/templates/${templateId}`, {
            method: 'PUT',
            body: {
              locale: draft.locale,
              content: draft.content,
              ...(draft.type === 'Email' ? { subject: draft.subject } : {}),
              ...(draft.changeNote ? { changeNote: draft.changeNote } : {}),
            },
          }),
    onSuccess: () => {
      toast.success(isNew ? 'Template created as a draft' : 'Saved as a new draft version');
      set('changeNote', '');
      refresh();
      if (isNew) navigate(`/templates/${draft.templateId}`);
    },
    onError: failed('Saving'),
  });
  const act = useMutation({
    mutationFn: ({ path, body }: { path: string; body?: unknown; done: string }) =>
      api(`/templates/${templateId}${path}`, { method: 'POST', ...(body ? { body } : {}) }),
    onSuccess: (_result, variables) => {
      toast.success(variables.done);
      refresh();
    },
    onError: failed('The action'),
  });

  const trigger = triggers.data?.items.find((candidate) => candidate.id === (draft.triggerEvent || 'manual'));
  const extensions = useMemo(
    () => [
      liquid(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ 'aria-label': 'Template content' }),
    ],
    [],
  );
  const saveError = (path: string) =>
    save.error instanceof ApiError ? save.error.forField(path) : undefined;

  if (!isNew && template.isPending) return <Loading />;
  if (!isNew && template.error)
    return <ErrorNotice error={template.error} retry={() => template.refetch()} />;

  return (
    <>
      <PageHeader title={isNew ? 'New template' : (loaded?.name ?? '')}>
        {!isNew && loaded?.isActive && can('approver') && (
          <Button
            variant="danger"
            onClick={() => act.mutate({ path: '/deactivate', done: 'Template switched off' })}
          >
            Deactivate template
          </Button>
        )}
      </PageHeader>
      <div className="grid gap-4 xl:grid-cols-[3fr_2fr]">
        <div className="space-y-4">
          <Card
            title={isNew ? 'Template' : `Edit (saves version ${(loaded?.latestVersion ?? 0) + 1} as a draft)`}
          >
            <form
              aria-label="Template editor"
              className="space-y-4"
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate();
              }}
            >
              {isNew && (
                <div className="grid grid-cols-2 gap-4">
                  <Field
                    label="Template id"
                    htmlFor="t-id"
                    error={saveError('templateId')}
                    hint="lower-case letters, digits, dashes"
                  >
                    <input
                      id="t-id"
                      className={inputClass}
                      value={draft.templateId}
                      onChange={(e) => set('templateId', e.target.value)}
                      required
                    />
                  </Field>
                  <Field label="Name" htmlFor="t-name" error={saveError('name')}>
                    <input
                      id="t-name"
                      className={inputClass}
                      value={draft.name}
                      onChange={(e) => set('name', e.target.value)}
                      required
                    />
                  </Field>
                  <Field label="Channel" htmlFor="t-type">
                    <select
                      id="t-type"
                      className={inputClass}
                      value={draft.type}
                      onChange={(e) => set('type', e.target.value as Channel)}
                    >
                      <option>Email</option>
                      <option>SMS</option>
                    </select>
                  </Field>
                  <Field label="Category" htmlFor="t-category">
                    <select
                      id="t-category"
                      className={inputClass}
                      value={draft.category}
                      onChange={(e) => set('category', e.target.value as Category)}
                    >
                      <option value="transactional">Import updates</option>
                      <option value="reminders">Reminders</option>
                      <option value="marketing">Offers</option>
                    </select>
                  </Field>
                  <Field label="Sent when" htmlFor="t-trigger">
                    <select
                      id="t-trigger"
                      className={inputClass}
                      value={draft.triggerEvent}
                      onChange={(e) => set('triggerEvent', e.target.value)}
                    >
                      <option value="">A rep sends it</option>
                      {triggers.data?.items
                        .filter((candidate) => candidate.id !== 'manual')
                        .map((candidate) => (
                          <option key={candidate.id} value={candidate.id}>
                            {candidate.label}
                          </option>
                        ))}
                    </select>
                  </Field>
                </div>
              )}
              <Field label="Language" htmlFor="t-locale">
                <select
                  id="t-locale"
                  className={inputClass}
                  value={draft.locale}
                  onChange={(e) => set('locale', e.target.value)}
                >
                  <option value="en">English</option>
                  <option value="zh">Chinese</option>
                </select>
              </Field>
              {draft.type === 'Email' && (
                <Field label="Subject" htmlFor="t-subject" error={saveError('subject')}>
                  <input
                    id="t-subject"
                    className={inputClass}
                    value={draft.subject}
                    onChange={(e) => set('subject', e.target.value)}
                  />
                </Field>
              )}
              <div>
                <p className="mb-1 text-sm font-medium text-slate-700">Content (Liquid)</p>
                <div className="overflow-hidden rounded-md border border-slate-300">
                  <CodeMirror
                    value={draft.content}
                    height="320px"
                    extensions={extensions}
                    onChange={(value) => set('content', value)}
                    onCreateEditor={(view) => {
                      editor.current = view;
                    }}
                    basicSetup={{ lineNumbers: true, foldGutter: false, highlightActiveLine: true }}
                  />
                </div>
              </div>
              <IssueList preview={preview.data} />
              <Field label="What changed" htmlFor="t-note">
                <input
                  id="t-note"
                  className={inputClass}
                  value={draft.changeNote}
                  onChange={(e) => set('changeNote', e.target.value)}
                />
              </Field>
              <Button
                type="submit"
                disabled={save.isPending || (preview.data !== undefined && !preview.data.ok)}
              >
                {save.isPending ? 'Saving…' : isNew ? 'Create draft' : 'Save as new version'}
              </Button>
            </form>
          </Card>
          {!isNew && (
            <Card title="Versions">
              {versions.isPending && <Loading />}
              <ol aria-label="Versions" className="divide-y divide-slate-100 text-sm">
                {versions.data?.items.map((version) => {
                  const own = version.createdBy === user?.id;
                  const at = `/versions/${version.version}`;
                  return (
                    <li
                      key={version.version}
                      className="flex flex-wrap items-center justify-between gap-2 py-2"
                    >
                      <div>
                        <p>
                          <span className="font-medium">v{version.version}</span> ({version.locale}){' '}
                          <StateBadge state={version.state} />
                        </p>
                        <p className="text-xs text-slate-500">
                          by {version.createdBy} · {formatDateTime(version.createdAt)}
                          {version.changeNote && ` · ${version.changeNote}`}
                          {version.reviewComment && ` · review: ${version.reviewComment}`}
                        </p>
                      </div>
                      <div className="flex gap-1.5">
                        {version.state === 'Draft' && (
                          <Button
                            variant="secondary"
                            aria-label={`Submit version ${version.version} for review`}
                            onClick={() =>
                              act.mutate({
                                path: `${at}/submit`,
                                done: `v${version.version} submitted for review`,
                              })
                            }
                          >
                            Submit for review
                          </Button>
                        )}
                        {version.state === 'InReview' && can('approver') && !own && (
                          <>
                            <Button
                              aria-label={`Approve version ${version.version}`}
                              onClick={() =>
                                act.mutate({
                                  path: `${at}/approve`,
                                  body: {},
                                  done: `v${version.version} approved`,
                                })
                              }
                            >
                              Approve
                            </Button>
                            <Button
                              variant="secondary"
                              aria-label={`Reject version ${version.version}`}
                              onClick={() => {
                                const comment = window.prompt(
                                  'Why is it rejected? The author will see this.',
                                );
                                if (comment?.trim())
                                  act.mutate({
                                    path: `${at}/reject`,
                                    body: { comment },
                                    done: `v${version.version} rejected`,
                                  });
                              }}
                            >
                              Reject
                            </Button>
                          </>
                        )}
                        {version.state === 'InReview' && can('approver') && own && (
                          <span className="text-xs text-slate-500">
                            another approver must review your version
                          </span>
                        )}
                        {(version.state === 'Approved' || version.state === 'Retired') && can('approver') && (
                          <Button
                            aria-label={`Activate version ${version.version}`}
                            onClick={() =>
                              act.mutate({
                                path: `${at}/activate`,
                                done:
                                  version.state === 'Retired'
                                    ? `Rolled back to v${version.version}`
                                    : `v${version.version} is live`,
                              })
                            }
                          >
                            {version.state === 'Retired' ? 'Roll back to this' : 'Activate'}
                          </Button>
                        )}
                        <Button
                          variant="ghost"
                          aria-label={`Load version ${version.version} into the editor`}
                          onClick={() =>
                            setDraft((current) => ({
                              ...current,
                              locale: version.locale,
                              subject: version.subject ?? '',
                              content: version.content,
                            }))
                          }
                        >
                          Edit from here
                        </Button>
                      </div>
                    </li>
                  );
                })}
              </ol>
            </Card>
          )}
          {!isNew && versions.data && versions.data.items.length > 1 && templateId && (
            <DiffView templateId={templateId} versions={versions.data.items} />
          )}
        </div>
        <div className="space-y-4">
          <Card title="Live preview">
            <label className="mb-3 block text-sm">
              <span className="mb-1 block font-medium text-slate-700">Preview for customer (id)</span>
              <input
                className={inputClass}
                value={previewCustomer}
                onChange={(e) => setPreviewCustomer(e.target.value.trim())}
                placeholder="Empty: sample data"
              />
            </label>
            <PreviewPane preview={preview.data} loading={preview.isFetching} />
          </Card>
          <Card title={`Variables${trigger ? ` of “${trigger.label}”` : ''}`}>
            <ul aria-label="Variables" className="max-h-96 space-y-0.5 overflow-y-auto text-sm">
              {trigger?.variables.map((variable) => (
                <li key={variable.path}>
                  <button
                    type="button"
                    className="w-full rounded px-1 text-left hover:bg-sky-50"
                    title={variable.description}
                    onClick={() => {
                      const view = editor.current;
                      const text = `{{ ${variable.path} }}`;
                      if (view) {
                        view.dispatch(view.state.replaceSelection(text));
                        view.focus();
                      } else set('content', `${draft.content}${text}`);
                    }}
                  >
                    <code className="text-sky-800">{variable.path}</code>{' '}
                    <span className="text-xs text-slate-500">
                      {variable.type}
                      {variable.optional && ', optional'}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
