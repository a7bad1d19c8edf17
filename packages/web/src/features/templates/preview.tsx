import type { Preview } from '../../api/types';
import { Loading } from '../../components/ui';

export function IssueList({ preview }: { preview: Preview | undefined }) {
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

export function PreviewPane({ preview, loading }: { preview: Preview | undefined; loading: boolean }) {
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
