import { useState } from 'react';
import type { TemplateVersion, VersionAction } from '../../api/types';
import { Button, Card, formatDateTime, Loading } from '../../components/ui';
import { useTeam } from '../team/use-team';
import type { TemplateAction } from './api';
import { RejectDialog } from './reject-dialog';
import { StateBadge } from './state-badge';

/** The words of each review action, and what the toast says once it is done. */
const ACTIONS: Record<
  VersionAction,
  {
    label: (version: TemplateVersion) => string;
    done: (version: TemplateVersion) => string;
    primary: boolean;
  }
> = {
  submit: {
    label: () => 'Submit for review',
    done: (version) => `v${version.version} submitted for review`,
    primary: false,
  },
  approve: { label: () => 'Approve', done: (version) => `v${version.version} approved`, primary: true },
  reject: { label: () => 'Reject', done: (version) => `v${version.version} rejected`, primary: false },
  activate: {
    label: (version) => (version.state === 'Retired' ? 'Roll back to this' : 'Activate'),
    done: (version) =>
      version.state === 'Retired' ? `Rolled back to v${version.version}` : `v${version.version} is live`,
    primary: true,
  },
};

/**
 * Every version with who did what, and the review actions the API says the signed-in user may take on each: the
 * rules (roles, four eyes, states) live in the API alone.
 */
export function VersionList({
  versions,
  loading,
  onAction,
  onEdit,
}: {
  versions: TemplateVersion[] | undefined;
  loading: boolean;
  onAction: (request: TemplateAction) => void;
  onEdit: (version: TemplateVersion) => void;
}) {
  const { nameOf } = useTeam();
  const onComment = (version: TemplateVersion, text: string) =>
    onAction({ kind: 'comment', version: version.version, text, done: 'Comment added' });
  const [rejecting, setRejecting] = useState<TemplateVersion>();
  const act = (version: TemplateVersion, action: VersionAction) => {
    const done = ACTIONS[action].done(version);
    if (action === 'reject') return setRejecting(version);
    onAction({ kind: 'review', version: version.version, action, done });
  };
  return (
    <Card title="Versions">
      {rejecting && (
        <RejectDialog
          version={rejecting.version}
          onClose={() => setRejecting(undefined)}
          onReject={(comment) =>
            onAction({
              kind: 'review',
              version: rejecting.version,
              action: 'reject',
              comment,
              done: ACTIONS.reject.done(rejecting),
            })
          }
        />
      )}
      {loading && <Loading />}
      <ol aria-label="Versions" className="divide-y divide-slate-100 text-sm">
        {versions?.map((version) => {
          const allowed = version.allowedActions ?? [];
          return (
            <li key={version.version} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <div>
                <p>
                  <span className="font-medium">v{version.version}</span> ({version.locale}){' '}
                  <StateBadge state={version.state} />
                </p>
                <p className="text-xs text-slate-500">
                  by {nameOf(version.createdBy)} · {formatDateTime(version.createdAt)}
                  {version.changeNote && ` · ${version.changeNote}`}
                  {version.reviewComment && ` · review: ${version.reviewComment}`}
                </p>
                <VersionComments version={version} onComment={onComment} />
              </div>
              <div className="flex gap-1.5">
                {allowed.map((action) => (
                  <Button
                    key={action}
                    variant={ACTIONS[action].primary ? 'primary' : 'secondary'}
                    aria-label={`${ACTIONS[action].label(version)}: version ${version.version}`}
                    onClick={() => act(version, action)}
                  >
                    {ACTIONS[action].label(version)}
                  </Button>
                ))}
                {version.state === 'InReview' && !allowed.includes('approve') && (
                  <span className="text-xs text-slate-500">
                    waiting for an approver other than its author
                  </span>
                )}
                <Button
                  variant="ghost"
                  aria-label={`Edit from here: version ${version.version}`}
                  onClick={() => onEdit(version)}
                >
                  Edit from here
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
    </Card>
  );
}

/** The conversation about a version, and a line to add to it. */
function VersionComments({
  version,
  onComment,
}: {
  version: TemplateVersion;
  onComment: (version: TemplateVersion, text: string) => void;
}) {
  const { nameOf } = useTeam();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const comments = version.comments ?? [];
  return (
    <div className="mt-1 space-y-1 text-xs">
      {comments.length > 0 && (
        <ul aria-label={`Comments on version ${version.version}`} className="space-y-0.5">
          {comments.map((comment) => (
            <li key={`${comment.by}-${comment.at}`} className="text-slate-700">
              <span className="font-medium">{nameOf(comment.by)}</span>: {comment.text}{' '}
              <span className="text-slate-500">{formatDateTime(comment.at)}</span>
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form
          className="flex gap-1.5"
          onSubmit={(event) => {
            event.preventDefault();
            if (!text.trim()) return;
            onComment(version, text.trim());
            setText('');
            setOpen(false);
          }}
        >
          <input
            className="min-w-0 flex-1 rounded border border-slate-300 px-1.5 py-0.5"
            aria-label={`Comment on version ${version.version}`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            maxLength={2_000}
            required
          />
          <Button type="submit" variant="secondary">
            Comment
          </Button>
        </form>
      ) : (
        <button type="button" className="text-sky-700 underline" onClick={() => setOpen(true)}>
          Add a comment
        </button>
      )}
    </div>
  );
}
