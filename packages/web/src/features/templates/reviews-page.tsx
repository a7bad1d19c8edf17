import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { toast } from 'sonner';
import {
  Button,
  Card,
  Empty,
  ErrorNotice,
  errorMessage,
  formatDateTime,
  Loading,
  PageHeader,
} from '../../components/ui';
import { useTeam } from '../team/use-team';
import { type ReviewInboxItem, reviewQueries, useReview } from './api';
import { DiffView } from './diff';
import { RejectDialog } from './reject-dialog';

/** What waits for an approver: each version with its author, when it was submitted, and what it changes. */
export function ReviewsPage() {
  const { nameOf } = useTeam();
  const inbox = useQuery(reviewQueries.inbox());
  const review = useReview();
  const [rejecting, setRejecting] = useState<ReviewInboxItem>();
  const decide = (item: ReviewInboxItem, action: 'approve' | 'reject', comment?: string) =>
    review.mutate(
      { templateId: item.templateId, version: item.version, action, ...(comment ? { comment } : {}) },
      {
        onSuccess: () =>
          toast.success(
            `${item.templateName} v${item.version} ${action === 'approve' ? 'approved' : 'rejected'}`,
          ),
        onError: (error) => toast.error(errorMessage(error)),
      },
    );
  const items = inbox.data?.items ?? [];
  return (
    <>
      <PageHeader title="Reviews" />
      {rejecting && (
        <RejectDialog
          version={rejecting.version}
          onClose={() => setRejecting(undefined)}
          onReject={(comment) => decide(rejecting, 'reject', comment)}
        />
      )}
      {inbox.isPending && <Loading />}
      {inbox.error && <ErrorNotice error={inbox.error} retry={() => inbox.refetch()} />}
      {inbox.isSuccess && items.length === 0 && (
        <Card>
          <Empty>Nothing waits for review.</Empty>
        </Card>
      )}
      <ol aria-label="Versions in review" className="space-y-4">
        {items.map((item) => (
          <li key={`${item.templateId}-${item.version}`} aria-label={`${item.templateName} v${item.version}`}>
            <Card
              title={
                <Link to={`/templates/${item.templateId}`} className="text-sky-700 underline">
                  {item.templateName} · v{item.version} ({item.locale})
                </Link>
              }
              actions={
                <div className="flex gap-2">
                  {item.allowedActions?.includes('approve') ? (
                    <>
                      <Button onClick={() => decide(item, 'approve')} disabled={review.isPending}>
                        Approve
                      </Button>
                      <Button
                        variant="secondary"
                        onClick={() => setRejecting(item)}
                        disabled={review.isPending}
                      >
                        Reject
                      </Button>
                    </>
                  ) : (
                    <span className="text-xs text-slate-500">Yours: another approver reviews it</span>
                  )}
                </div>
              }
            >
              <p className="mb-3 text-sm text-slate-600">
                {item.type} · by {nameOf(item.createdBy)} · submitted {formatDateTime(item.submittedAt)}
                {item.changeNote && ` · “${item.changeNote}”`}
              </p>
              <DiffView
                templateId={item.templateId}
                title={item.activeVersion ? `Against v${item.activeVersion}, live now` : 'Nothing live yet'}
                versions={[
                  ...(item.activeVersion
                    ? [{ version: item.activeVersion, locale: item.locale, state: 'Active' as const }]
                    : []),
                  { version: item.version, locale: item.locale, state: item.state },
                ]}
              />
            </Card>
          </li>
        ))}
      </ol>
    </>
  );
}
