import { html } from '@codemirror/lang-html';
import { liquidCompletionSource, liquidLanguage } from '@codemirror/lang-liquid';
import { LanguageSupport } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { useQuery } from '@tanstack/react-query';
import CodeMirror from '@uiw/react-codemirror';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { toast } from 'sonner';
import { ApiError } from '../../api/client';
import type { Category, Channel } from '../../api/types';
import { useSession } from '../../auth/session';
import { Button, Card, ErrorNotice, Field, inputClass, Loading, PageHeader } from '../../components/ui';
import {
  type TemplateAction,
  templateQueries,
  useChannelFallback,
  useSaveTemplate,
  useTemplateAction,
} from './api';
import { DiffView } from './diff';
import { IssueList, PreviewPane } from './preview';
import { VersionList } from './versions';

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

/**
 * Liquid over HTML, highlighted and completed but inserting nothing the author did not type: `liquid()` closes
 * HTML tags, braces and `{% %}` as one types, so typing `<p>x</p>` stored `<p>x</p></p>`.
 */
const storedAsTyped = new LanguageSupport(liquidLanguage, [
  html({ autoCloseTags: false }).support,
  liquidLanguage.data.of({ autocomplete: liquidCompletionSource() }),
]);

/** Create or edit a template: Liquid editor, the trigger's variables, live preview, versions and review. */
export function TemplateEditorPage() {
  const { templateId } = useParams();
  const isNew = !templateId;
  const navigate = useNavigate();
  const { can } = useSession();
  const fallback = useChannelFallback(templateId);
  const triggers = useQuery(templateQueries.triggers());
  const template = useQuery({ ...templateQueries.detail(templateId ?? ''), enabled: !isNew });
  const versions = useQuery({ ...templateQueries.versions(templateId ?? ''), enabled: !isNew });
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
  const preview = useQuery(
    templateQueries.preview({
      type: source.type,
      locale: source.locale,
      content: source.content,
      ...(source.type === 'Email' ? { subject: source.subject } : {}),
      ...(source.triggerEvent ? { triggerEvent: source.triggerEvent } : {}),
      ...(previewCustomer ? { customerId: previewCustomer } : {}),
    }),
  );

  const failed = (action: string) => (error: unknown) =>
    toast.error(`${action} failed: ${error instanceof ApiError ? error.message : String(error)}`);

  const save = useSaveTemplate(templateId);
  const submit = () =>
    save.mutate(
      isNew
        ? {
            templateId: draft.templateId,
            name: draft.name,
            type: draft.type,
            category: draft.category,
            locale: draft.locale,
            content: draft.content,
            ...(draft.type === 'Email' ? { subject: draft.subject } : {}),
            ...(draft.triggerEvent ? { triggerEvent: draft.triggerEvent } : {}),
            ...(draft.changeNote ? { changeNote: draft.changeNote } : {}),
          }
        : {
            locale: draft.locale,
            content: draft.content,
            ...(draft.type === 'Email' ? { subject: draft.subject } : {}),
            ...(draft.changeNote ? { changeNote: draft.changeNote } : {}),
          },
      {
        onSuccess: () => {
          toast.success(isNew ? 'Template created as a draft' : 'Saved as a new draft version');
          set('changeNote', '');
          if (isNew) navigate(`/templates/${draft.templateId}`);
        },
        onError: failed('Saving'),
      },
    );
  const action = useTemplateAction(templateId);
  const act = (request: TemplateAction) =>
    action.mutate(request, {
      onSuccess: () => toast.success(request.done),
      onError: failed('The action'),
    });

  const trigger = triggers.data?.items.find((candidate) => candidate.id === (draft.triggerEvent || 'manual'));
  const extensions = useMemo(
    () => [
      storedAsTyped,
      EditorView.lineWrapping,
      // Focusable by the tab key, so the editor's scrolling region is reachable by keyboard.
      EditorView.contentAttributes.of({ 'aria-label': 'Template content', tabindex: '0' }),
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
        {!isNew && loaded && (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              checked={Boolean(loaded.channelFallback)}
              disabled={!can('approver') || fallback.isPending}
              onChange={(event) =>
                fallback.mutate(event.target.checked, {
                  onSuccess: (saved) =>
                    toast.success(saved.channelFallback ? 'Falls back to the other channel' : 'No fallback'),
                  onError: failed('The change'),
                })
              }
            />
            If it cannot reach the customer, send the {loaded.type === 'Email' ? 'SMS' : 'email'} version once
          </label>
        )}
        {!isNew && loaded?.isActive && can('approver') && (
          <Button variant="danger" onClick={() => act({ kind: 'deactivate', done: 'Template switched off' })}>
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
                submit();
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
                    basicSetup={{
                      lineNumbers: true,
                      foldGutter: false,
                      highlightActiveLine: true,
                      closeBrackets: false,
                    }}
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
            <VersionList
              versions={versions.data?.items}
              loading={versions.isPending}
              onAction={act}
              onEdit={(version) =>
                setDraft((current) => ({
                  ...current,
                  locale: version.locale,
                  subject: version.subject ?? '',
                  content: version.content,
                }))
              }
            />
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
