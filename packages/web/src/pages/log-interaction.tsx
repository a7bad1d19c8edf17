import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { z } from 'zod';
import { ApiError } from '../api/client';
import { CustomerPicker } from '../components/customer-picker';
import { Button, Card, Field, inputClass, PageHeader, vehicleName } from '../components/ui';
import { useCustomerRecords } from '../components/use-records';
import { useLogInteraction } from '../features/communications/api';

const schema = z.object({
  type: z.enum(['Call', 'Meeting']),
  direction: z.enum(['outbound', 'inbound']),
  vehicleId: z.string(),
  durationMinutes: z.union([z.literal(''), z.coerce.number().int().min(0).max(1440)]),
  outcome: z.string().max(200),
  notes: z.string().trim().min(1, 'Write what was said or agreed').max(20_000),
  followUpDate: z.string(),
});
type Form = z.input<typeof schema>;

/** Records a call or meeting against the customer (and vehicle), with what came of it. */
export function LogInteractionPage() {
  const [params, setParams] = useSearchParams();
  const customerId = params.get('customerId') ?? undefined;
  const navigate = useNavigate();
  const { vehicles } = useCustomerRecords(customerId);
  const form = useForm<Form, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      type: 'Call',
      direction: 'outbound',
      vehicleId: params.get('vehicleId') ?? '',
      durationMinutes: '',
      outcome: '',
      notes: '',
      followUpDate: '',
    },
  });
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
        ...(values.followUpDate ? { followUpDate: values.followUpDate } : {}),
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
            <div className="grid grid-cols-2 gap-4">
              <Field label="Type" htmlFor="interaction-type">
                <select id="interaction-type" className={inputClass} {...form.register('type')}>
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
              <Field label="Outcome" htmlFor="interaction-outcome" error={errors.outcome?.message}>
                <input
                  id="interaction-outcome"
                  className={inputClass}
                  placeholder="e.g. agreed to pay by Friday"
                  {...form.register('outcome')}
                />
              </Field>
              <Field label="Follow-up date" htmlFor="interaction-follow-up">
                <input
                  id="interaction-follow-up"
                  type="date"
                  className={inputClass}
                  {...form.register('followUpDate')}
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
            <Button type="submit" disabled={!customerId || save.isPending}>
              {save.isPending ? 'Saving…' : 'Log it'}
            </Button>
          </form>
        </Card>
      </div>
    </>
  );
}
