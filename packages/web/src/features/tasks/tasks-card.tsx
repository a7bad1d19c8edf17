import { useQuery } from '@tanstack/react-query';
import { Card, Empty, ErrorNotice, Loading } from '../../components/ui';
import { taskQueries } from './api';
import { TaskItem } from './task-item';
import { useNow } from './use-now';

/** The follow-ups about one customer or vehicle, open ones first, whoever's list they are on. */
export function TasksCard({ subject, id }: { subject: 'customerId' | 'vehicleId'; id: string }) {
  const tasks = useQuery(taskQueries.about(subject, id));
  const now = useNow();
  const items = tasks.data?.items ?? [];
  const open = items.filter((task) => task.status === 'Open').length;
  return (
    <section aria-label="Tasks" className="mb-4">
      <Card title={`Tasks (${open} open)`}>
        {tasks.isPending && <Loading />}
        {tasks.error && <ErrorNotice error={tasks.error} retry={() => tasks.refetch()} />}
        {tasks.isSuccess && items.length === 0 && <Empty>No follow-ups.</Empty>}
        {items.length > 0 && (
          <ul className="space-y-2">
            {items.map((task) => (
              <TaskItem key={task.taskId} task={task} now={now} showAssignee />
            ))}
          </ul>
        )}
      </Card>
    </section>
  );
}
