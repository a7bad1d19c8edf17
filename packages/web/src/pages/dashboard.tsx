import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, ErrorNotice, Loading, PageHeader } from '../components/ui';
import { dashboardQueries } from '../features/dashboard/api';
import { formatDateTime, formatDay, formatDayOfMonth } from '../format';

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)} %`);

/** AWS reviews an account from 5 % bounces or 0.1 % complaints: warn before that. */
function Rate({ label, rate, warnAt }: { label: string; rate: number | null; warnAt: number }) {
  const warn = rate !== null && rate >= warnAt;
  return (
    <dl
      className={`rounded-lg border p-4 ${warn ? 'border-rose-300 bg-rose-50' : 'border-slate-200 bg-white'}`}
    >
      <dt className="text-xs uppercase tracking-wide text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold">{percent(rate)}</dd>
      {warn && <dd className="text-xs text-rose-700">Above the warning level of {percent(warnAt)}</dd>}
    </dl>
  );
}

/**
 * The chart's bars: every colour at least 3:1 against the white card (WCAG's contrast for graphics); the email
 * and SMS of each outcome in shades apart. The legend lists them in this order, its words in the page's text
 * colour, not the bar's. Each day's counts are named by these names (checked by the compiler).
 */
const SERIES = [
  { name: 'Email sent', colour: '#0369a1' },
  { name: 'Email delivered', colour: '#047857' },
  { name: 'Email failed', colour: '#be123c' },
  { name: 'SMS sent', colour: '#7c3aed' },
  { name: 'SMS delivered', colour: '#0d9488' },
  { name: 'SMS failed', colour: '#ea580c' },
] as const;

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to` (`YYYY-MM-DD`, both included). */
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  const last = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= last; at += DAY_MS)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export function DashboardPage() {
  const stats = useQuery(dashboardQueries.stats());
  const queues = useQuery(dashboardQueries.queues());
  // The API lists the days that had messages; the chart shows every day of the range, quiet ones empty.
  const counted = new Map((stats.data?.days ?? []).map((day) => [day.day, day.counts]));
  const series = (stats.data ? daysFrom(stats.data.from, stats.data.to) : []).map((day) => {
    const counts = counted.get(day) ?? {};
    const bars = {
      'Email sent': counts.Email?.Sent ?? 0,
      'Email delivered': counts.Email?.Delivered ?? 0,
      'Email failed': (counts.Email?.Failed ?? 0) + (counts.Email?.Bounced ?? 0),
      'SMS sent': counts.SMS?.Sent ?? 0,
      'SMS delivered': counts.SMS?.Delivered ?? 0,
      'SMS failed': counts.SMS?.Failed ?? 0,
    } satisfies Record<(typeof SERIES)[number]['name'], number>;
    return { day: formatDayOfMonth(day), ...bars };
  });
  const deadLetters = (queues.data?.items ?? []).reduce((sum, queue) => sum + queue.deadLetter.waiting, 0);
  return (
    <>
      <PageHeader title="Dashboard">
        {stats.data && (
          <p className="text-xs text-slate-600">
            Figures as of {formatDateTime(stats.data.asOf)}, refreshed every 15 seconds
          </p>
        )}
      </PageHeader>
      {stats.error && <ErrorNotice error={stats.error} retry={() => stats.refetch()} />}
      <div className="mb-4 grid grid-cols-2 gap-4 lg:grid-cols-5">
        <Rate label="Email bounce rate" rate={stats.data?.rates.emailBounceRate ?? null} warnAt={0.02} />
        <Rate
          label="Email complaint rate"
          rate={stats.data?.rates.emailComplaintRate ?? null}
          warnAt={0.0005}
        />
        <Rate label="SMS failure rate" rate={stats.data?.rates.smsFailureRate ?? null} warnAt={0.05} />
        <dl className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-xs uppercase tracking-wide text-slate-500">Waiting for their time</dt>
          <dd className="text-2xl font-semibold">{stats.data?.scheduled ?? '—'}</dd>
          <dd className="text-xs text-slate-500">quiet hours, reminders</dd>
        </dl>
        <dl
          className={`rounded-lg border p-4 ${deadLetters > 0 ? 'border-rose-300 bg-rose-50' : 'border-slate-200 bg-white'}`}
        >
          <dt className="text-xs uppercase tracking-wide text-slate-600">In dead-letter queues</dt>
          <dd className="text-2xl font-semibold">{queues.data ? deadLetters : '—'}</dd>
          <dd className="text-xs text-slate-600">see the DLQ runbook</dd>
        </dl>
      </div>
      <div className="grid gap-4 xl:grid-cols-[2fr_1fr]">
        <Card
          title={
            stats.data
              ? `Sent, delivered and failed per day (${formatDay(stats.data.from)} to ${formatDay(stats.data.to)})`
              : 'Per day'
          }
        >
          {stats.isPending && <Loading />}
          {stats.data && (
            <figure aria-label="Messages per day and channel" className="h-80">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={series}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="day" fontSize={12} />
                  <YAxis allowDecimals={false} fontSize={12} />
                  <Tooltip />
                  <Legend
                    itemSorter={null}
                    wrapperStyle={{ fontSize: 12 }}
                    formatter={(name) => <span className="text-slate-700">{name}</span>}
                  />
                  {SERIES.map(({ name, colour }) => (
                    <Bar key={name} dataKey={name} fill={colour} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </figure>
          )}
        </Card>
        <Card title="Queues">
          {queues.isPending && <Loading />}
          {queues.error && <ErrorNotice error={queues.error} />}
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Waiting</th>
                  <th scope="col">In flight</th>
                  <th scope="col">DLQ</th>
                </tr>
              </thead>
              <tbody>
                {queues.data?.items.map((queue) => (
                  <tr key={queue.id} className="border-t border-slate-100">
                    <td className="py-1">{queue.id}</td>
                    <td>{queue.waiting}</td>
                    <td>{queue.inFlight}</td>
                    <td className={queue.deadLetter.waiting > 0 ? 'font-semibold text-rose-700' : ''}>
                      {queue.deadLetter.waiting}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
