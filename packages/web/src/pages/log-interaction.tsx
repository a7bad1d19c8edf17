import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { CustomerPicker } from '../components/customer-picker';
import { Button, Card, Field, inputClass, PageHeader, vehicleName } from '../components/ui';
import { useCustomerRecords } from '../components/use-records';
import { useLogInteraction } from '../features/communications/api';
import { OUTCOMES } from '../features/communications/outcomes';
import { RepOptions } from '../features/team/rep-options';
import { toLocalInput, tomorrowMorning } from '../format';

const participantsOf = (text: string) =>
  text
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);

const schema = z
  .object({
    type: z.enum(['Call', 'Meeting']),
    direction: z.enum(['outbound', 'inbound']),
    vehicleId: z.string(),
    occurredAt: z
      .string()
      .min(1, 'Say when it happened')
      .refine((value) => new Date(value).getTime() <= Date.now() + 60_000, 'It has not happened yet'),
    durationMinutes: z.union([z.literal(''), z.coerce.number().int().min(0).max(1440)]),
    outcome: z.string(),
    participants: z.string().max(2_000),
    notes: z.string().trim().min(1, 'Write what was said or agreed').max(20_000),
    followUp: z.boolean(),
    followUpDueAt: z.string(),
    followUpAssignee: z.string().trim().max(128),
    followUpNote: z.string().trim().max(2_000),
  })
  .refine((values) => !values.followUp || values.followUpDueAt !== '', {
    path: ['followUpDueAt'],
    message: 'Say when the follow-up is due',
  });
type Form = z.input<typeof schema>;

/** Records a call or meeting against the customer (and vehicle), with what came of it. */
export function LogInteractionPage() {
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const navigate = useNavigate();
  const { vehicles } = useCustomerRecords(customerId);
  const { user } = useSession();
  const form = useForm<Form, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      type: 'Call',
      direction: 'outbound',
      vehicleId: params.get('vehicleId') ?? '',
      occurredAt: toLocalInput(new Date()),
      durationMinutes: '',
      outcome: '',
      participants: '',
      notes: '',
      followUp: false,
      followUpDueAt: toLocalInput(tomorrowMorning()),
      followUpAssignee: '',
      followUpNote: '',
    },
  });
  const type = form.watch('type');
  const wantsFollowUp = form.watch('followUp');
  const save = useLogInteraction();
  const submit = (values: z.output<typeof schema>) =>
    save.mutate(
      {
        type: values.type,
        direction: values.direction,
        customerId,
        notes: values.notes,
        ...(values.vehicleId ? { vehicleId: values.vehicleId } : {}),
        ...(values.durationMinutes !== '' ? { durationMinutes: values.durationMinutes } : {}),
        ...(values.outcome ? { outcome: values.outcome } : {}),
        occurredAt: new Date(values.occurredAt).toISOString(),
        ...(participantsOf(values.participants).length > 0
          ? { participants: participantsOf(values.participants) }
          : {}),
        ...(values.followUp
          ? {
              followUp: {
                dueAt: new Date(values.followUpDueAt).toISOString(),
                ...(values.followUpAssignee ? { assignee: values.followUpAssignee } : {}),
                ...(values.followUpNote ? { note: values.followUpNote } : {}),
              },
            }
          : {}),
      },
      {
        onSuccess: (logged) => {
          toast.success(`${logged.type} logged`);
          navigate(`/customers/${logged.customerId}`);
        },
        onError: (error) =>
          toast.error(`Not logged: ${error instanceof ApiError ? error.message : String(error)}`),
      },
    );
  const { errors } = form.formState;
  return (
    <>
      <PageHeader title="Log a call or meeting" />
      <div className="max-w-2xl">
        <Card>
          <form aria-label="Log a call or meeting" className="space-y-4" onSubmit={form.handleSubmit(submit)}>
            <CustomerPicker
              value={customerId}
              onChange={(id) => setParams(id ? { customerId: id } : {}, { replace: true })}
              error={save.error instanceof ApiError ? save.error.forField('customerId') : undefined}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label="Type" htmlFor="interaction-type">
                <select
                  id="interaction-type"
                  className={inputClass}
                  // A call's outcome means nothing for a meeting: picking the other kind starts it again.
                  {...form.register('type', { onChange: () => form.setValue('outcome', '') })}
                >
                  <option>Call</option>
                  <option>Meeting</option>
                </select>
              </Field>
              <Field label="Direction" htmlFor="interaction-direction">
                <select id="interaction-direction" className={inputClass} {...form.register('direction')}>
                  <option value="outbound">We contacted them</option>
                  <option value="inbound">They contacted us</option>
                </select>
              </Field>
              <Field label="Vehicle" htmlFor="interaction-vehicle">
                <select id="interaction-vehicle" className={inputClass} {...form.register('vehicleId')}>
                  <option value="">No particular vehicle</option>
                  {vehicles.data?.items.map((vehicle) => (
                    <option key={vehicle.vehicleId} value={vehicle.vehicleId}>
                      {vehicleName(vehicle)} ({vehicle.vehicleId})
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label="Duration (minutes)"
                htmlFor="interaction-duration"
                error={errors.durationMinutes?.message}
              >
                <input
                  id="interaction-duration"
                  type="number"
                  min={0}
                  className={inputClass}
                  {...form.register('durationMinutes')}
                />
              </Field>
              <Field label="When it happened" htmlFor="interaction-when" error={errors.occurredAt?.message}>
                <input
                  id="interaction-when"
                  type="datetime-local"
                  className={inputClass}
                  aria-invalid={errors.occurredAt ? true : undefined}
                  {...form.register('occurredAt')}
                />
              </Field>
              <Field label="Outcome" htmlFor="interaction-outcome">
                <select id="interaction-outcome" className={inputClass} {...form.register('outcome')}>
                  <option value="">Not recorded</option>
                  {OUTCOMES[type].map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field
                label="Participants"
                htmlFor="interaction-participants"
                hint="Names, separated by commas"
              >
                <input
                  id="interaction-participants"
                  className={inputClass}
                  {...form.register('participants')}
                />
              </Field>
            </div>
            <Field label="Notes" htmlFor="interaction-notes" error={errors.notes?.message}>
              <textarea
                id="interaction-notes"
                className={`${inputClass} min-h-32`}
                aria-invalid={errors.notes ? true : undefined}
                {...form.register('notes')}
              />
            </Field>
            <fieldset className="space-y-3 rounded-md border border-slate-200 p-3">
              <legend className="px-1 text-sm font-medium text-slate-700">Follow-up</legend>
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" {...form.register('followUp')} />
                Open a follow-up task
              </label>
              {wantsFollowUp && (
                <div className="grid gap-4 sm:grid-cols-2">
                  <Field label="Due" htmlFor="follow-up-due" error={errors.followUpDueAt?.message}>
                    <input
                      id="follow-up-due"
                      type="datetime-local"
                      className={inputClass}
                      {...form.register('followUpDueAt')}
                    />
                  </Field>
                  <Field label="For" htmlFor="follow-up-assignee">
                    <select
                      id="follow-up-assignee"
                      className={inputClass}
                      {...form.register('followUpAssignee')}
                    >
                      <option value="">Me ({user?.name ?? ''})</option>
                      <RepOptions except={user?.id} />
                    </select>
                  </Field>
                  <div className="sm:col-span-2">
                    <Field label="What to do" htmlFor="follow-up-note">
                      <input id="follow-up-note" className={inputClass} {...form.register('followUpNote')} />
                    </Field>
                  </div>
                </div>
              )}
            </fieldset>
            <Button type="submit" disabled={!customerId || save.isPending}>
              {save.isPending ? 'Saving…' : 'Log it'}
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
