import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Task } from '../../api/types';
import { useSession } from '../../auth/session';
import { Card, Empty, ErrorNotice, formatDateTime, Loading, PageHeader } from '../../components/ui';
import { useTeam } from '../team/use-team';
import { reviewQueries } from '../templates/api';
import { StateBadge } from '../templates/state-badge';
import { taskQueries } from './api';
import { TaskItem, UNASSIGNED, type Urgency, urgencyOf } from './task-item';
import { useNow } from './use-now';

const SECTIONS: { urgency: Urgency; title: string; empty: string }[] = [
  { urgency: 'overdue', title: 'Overdue', empty: 'Nothing overdue.' },
  { urgency: 'today', title: 'Today', empty: 'Nothing else due today.' },
  { urgency: 'upcoming', title: 'Upcoming', empty: 'Nothing scheduled later.' },
];

/** The rep's own follow-ups: overdue, today and upcoming, and what they finished lately. */
export function MyWorkPage() {
  const { nameOf } = useTeam();
  const { user } = useSession();
  const me = user?.id ?? '';
  const now = useNow();
  const open = useQuery({ ...taskQueries.assignee(me, 'Open'), enabled: me !== '' });
  const done = useQuery({ ...taskQueries.assignee(me, 'Done'), enabled: me !== '' });
  const queue = useQuery(taskQueries.assignee(UNASSIGNED, 'Open'));
  const decisions = useQuery(reviewQueries.decisions());
  const grouped = new Map<Urgency, Task[]>();
  for (const task of open.data?.items ?? []) {
    const urgency = urgencyOf(task, now);
    grouped.set(urgency, [...(grouped.get(urgency) ?? []), task]);
  }
  return (
    <>
      <PageHeader title="My work">
        <Link to="/settings/silence-watch" className="text-sm text-sky-700 underline">
          Silence watch
        </Link>
      </PageHeader>
      {open.isPending && <Loading />}
      {open.error && <ErrorNotice error={open.error} retry={() => open.refetch()} />}
      {open.data && (
        <div className="space-y-4">
          {SECTIONS.map((section) => {
            const tasks = grouped.get(section.urgency) ?? [];
            return (
              <section key={section.urgency} aria-label={section.title}>
                <Card title={`${section.title} (${tasks.length})`}>
                  {tasks.length === 0 ? (
                    <Empty>{section.empty}</Empty>
                  ) : (
                    <ul className="space-y-2">
                      {tasks.map((task) => (
                        <TaskItem key={task.taskId} task={task} now={now} />
                      ))}
                    </ul>
                  )}
                </Card>
              </section>
            );
          })}
          {queue.data && queue.data.items.length > 0 && (
            <section aria-label="Team queue">
              <Card title={`Team queue (${queue.data.items.length})`}>
                <p className="mb-2 text-sm text-slate-600">Nobody's yet: take one onto your list.</p>
                <ul className="space-y-2">
                  {queue.data.items.map((task) => (
                    <TaskItem key={task.taskId} task={task} now={now} />
                  ))}
                </ul>
              </Card>
            </section>
          )}
          {decisions.data && decisions.data.items.length > 0 && (
            <section aria-label="Your template versions, decided">
              <Card title="Your template versions, decided">
                <ul className="space-y-1 text-sm">
                  {decisions.data.items.slice(0, 5).map((version) => (
                    <li key={`${version.templateId}-${version.version}`}>
                      <Link className="text-sky-700 underline" to={`/templates/${version.templateId}`}>
                        {version.templateId} v{version.version}
                      </Link>{' '}
                      <StateBadge state={version.state} /> by {nameOf(version.reviewedBy ?? '')}{' '}
                      <span className="text-slate-500">{formatDateTime(version.reviewedAt)}</span>
                      {version.reviewComment && (
                        <span className="block text-slate-700">“{version.reviewComment}”</span>
                      )}
                    </li>
                  ))}
                </ul>
              </Card>
            </section>
          )}
          {done.data && done.data.items.length > 0 && (
            <section aria-label="Done lately">
              <Card title="Done lately">
                <ul className="space-y-2">
                  {done.data.items.map((task) => (
                    <TaskItem key={task.taskId} task={task} now={now} />
                  ))}
                </ul>
              </Card>
            </section>
          )}
        </div>
      )}
    </>
  );
}

/** How many of the rep's tasks are due by the end of today (overdue included): the navigation's badge. */
export function useDueCount(): number {
  const { user } = useSession();
  const now = useNow();
  const open = useQuery({ ...taskQueries.assignee(user?.id ?? '', 'Open'), enabled: Boolean(user?.id) });
  return (open.data?.items ?? []).filter((task) => urgencyOf(task, now) !== 'upcoming').length;
}
