import { useState } from 'react';
import type { TemplateVersion, VersionAction } from '../../api/types';
import { Button, Card, formatDateTime, Loading } from '../../components/ui';
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
  onAction: (request: { path: string; body?: unknown; done: string }) => void;
  onEdit: (version: TemplateVersion) => void;
}) {
  const [rejecting, setRejecting] = useState<TemplateVersion>();
  const act = (version: TemplateVersion, action: VersionAction) => {
    const path = `/versions/${version.version}/${action}`;
    const done = ACTIONS[action].done(version);
    if (action === 'approve') return onAction({ path, body: {}, done });
    if (action === 'reject') return setRejecting(version);
    onAction({ path, done });
  };
  return (
    <Card title="Versions">
      {rejecting && (
        <RejectDialog
          version={rejecting.version}
          onClose={() => setRejecting(undefined)}
          onReject={(comment) =>
            onAction({
              path: `/versions/${rejecting.version}/reject`,
              body: { comment },
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
                  by {version.createdBy} · {formatDateTime(version.createdAt)}
                  {version.changeNote && ` · ${version.changeNote}`}
                  {version.reviewComment && ` · review: ${version.reviewComment}`}
                </p>
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
