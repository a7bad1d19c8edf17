import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { toast } from 'sonner';
import { answer, client } from '../../api/client';
import { useSession } from '../../auth/session';
import { FINAL_STAGES, IMPORT_STAGES, stageLabel } from '../../components/stage';
import {
  Button,
  Card,
  ErrorNotice,
  errorMessage,
  formatDateTime,
  inputClass,
  Loading,
  PageHeader,
} from '../../components/ui';
import { useTeam } from '../team/use-team';

/** The stages a vehicle can wait in, in order (the final ones are never watched). */
const STAGES = IMPORT_STAGES.filter((stage) => !FINAL_STAGES.includes(stage));

const key = ['settings', 'silence-watch'] as const;

/** How long a customer may go without hearing from us, per stage: read by every rep, changed by admins. */
export function SilenceSettingsPage() {
  const { nameOf } = useTeam();
  const { user } = useSession();
  const admin = Boolean(user?.roles.includes('admin'));
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: key,
    queryFn: () => answer(client.GET('/api/settings/silence-watch')),
  });
  const [days, setDays] = useState<Record<string, string>>({});
  const [fallback, setFallback] = useState('');
  useEffect(() => {
    if (!settings.data) return;
    setDays(
      Object.fromEntries(
        STAGES.map((stage) => [
          stage,
          String(settings.data.limitsDays[stage as keyof typeof settings.data.limitsDays] ?? ''),
        ]),
      ),
    );
    setFallback(settings.data.fallbackAssignee);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: { limitsDays: Record<string, number>; fallbackAssignee: string; version: number }) =>
      answer(client.PUT('/api/settings/silence-watch', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      toast.success('Silence watch saved');
    },
    onError: (error) => toast.error(errorMessage(error)),
  });
  if (settings.isPending) return <Loading />;
  if (settings.error) return <ErrorNotice error={settings.error} retry={() => settings.refetch()} />;
  return (
    <>
      <PageHeader title="Silence watch" />
      <div className="max-w-2xl">
        <Card>
          <form
            aria-label="Silence watch"
            className="space-y-4"
            onSubmit={(event) => {
              event.preventDefault();
              const limitsDays = Object.fromEntries(
                Object.entries(days)
                  .filter(([, value]) => value.trim() !== '')
                  .map(([stage, value]) => [stage, Number(value)]),
              );
              save.mutate({ limitsDays, fallbackAssignee: fallback.trim(), version: settings.data.version });
            }}
          >
            <p className="text-sm text-slate-600">
              When a customer goes longer than this without hearing from us about a vehicle in a stage, a task
              opens for the rep last in touch — never a message to the customer. Leave a stage empty not to
              watch it.
            </p>
            <fieldset disabled={!admin} className="grid gap-3 sm:grid-cols-2">
              <legend className="sr-only">Days without a word, per stage</legend>
              {STAGES.map((stage) => (
                <label key={stage} className="flex items-center justify-between gap-2 text-sm">
                  {stageLabel(stage)}
                  <span className="flex items-center gap-1">
                    <input
                      type="number"
                      min={1}
                      max={365}
                      className={`${inputClass} w-20`}
                      value={days[stage] ?? ''}
                      onChange={(event) => setDays({ ...days, [stage]: event.target.value })}
                      aria-label={`Days for ${stageLabel(stage)}`}
                    />
                    days
                  </span>
                </label>
              ))}
              <label className="block text-sm sm:col-span-2">
                When nobody was in touch, the task goes to
                <input
                  className={inputClass}
                  value={fallback}
                  onChange={(event) => setFallback(event.target.value)}
                  required
                />
              </label>
            </fieldset>
            {settings.data.updatedBy && (
              <p className="text-xs text-slate-500">
                Last changed by {nameOf(settings.data.updatedBy)} {formatDateTime(settings.data.updatedAt)}
              </p>
            )}
            {admin ? (
              <Button type="submit" disabled={save.isPending}>
                Save
              </Button>
            ) : (
              <p className="text-sm text-slate-600">Only admins change these.</p>
            )}
          </form>
        </Card>
      </div>
    </>
  );
}
