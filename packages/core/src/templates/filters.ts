import type { IMPORT_STAGES } from '@import-comms/events';
import { DateTime } from 'luxon';

type Labels = Record<(typeof IMPORT_STAGES)[number], string>;

const STAGE_LABELS: Record<string, Labels> = {
  en: {
    INQUIRY: 'Inquiry',
    VEHICLE_SELECTED: 'Vehicle selected',
    DEPOSIT_PAID: 'Deposit paid',
    PURCHASED: 'Purchased',
    EXPORT_PREPARATION: 'Preparing for export',
    SHIPPED: 'Shipped',
    ARRIVED_AT_PORT: 'Arrived at port',
    CUSTOMS_CLEARANCE: 'In customs clearance',
    CUSTOMS_CLEARED: 'Cleared customs',
    COMPLIANCE: 'Compliance and registration checks',
    READY_FOR_DELIVERY: 'Ready for delivery',
    DELIVERED: 'Delivered',
    ON_HOLD: 'On hold',
    CANCELLED: 'Cancelled',
  },
  zh: {
    INQUIRY: '咨询',
    VEHICLE_SELECTED: '已选车',
    DEPOSIT_PAID: '已付定金',
    PURCHASED: '已购车',
    EXPORT_PREPARATION: '出口准备中',
    SHIPPED: '已装船',
    ARRIVED_AT_PORT: '已到港',
    CUSTOMS_CLEARANCE: '清关中',
    CUSTOMS_CLEARED: '已清关',
    COMPLIANCE: '合规及注册检查',
    READY_FOR_DELIVERY: '可交车',
    DELIVERED: '已交车',
    ON_HOLD: '暂停',
    CANCELLED: '已取消',
  },
};

export interface FormatSettings {
  locale: string;
  timezone: string;
}

const baseLanguage = (locale: string) => locale.split('-')[0]?.toLowerCase() ?? 'en';

/** `{{ event.toStage | stage_label }}` → "Cleared customs", in the template's language. */
export function stageLabel(stage: unknown, format: FormatSettings): string {
  const labels = STAGE_LABELS[baseLanguage(format.locale)] ?? STAGE_LABELS.en;
  return typeof stage === 'string' && labels && stage in labels
    ? labels[stage as keyof Labels]
    : String(stage ?? '');
}

/** `{{ event.amountDue | money }}` → "$18,450.50" (AUD in en-AU), formatted for the template's locale. */
export function money(value: unknown, format: FormatSettings): string {
  if (typeof value !== 'object' || value === null) return String(value ?? '');
  const { amount, currency } = value as { amount?: unknown; currency?: unknown };
  if (typeof amount !== 'number' || typeof currency !== 'string') return '';
  return new Intl.NumberFormat(format.locale, { style: 'currency', currency }).format(amount);
}

/**
 * `{{ event.eta | local_date }}` → "Thursday 17 December 2026" in the customer's time zone;
 * `| local_date: "datetime"` adds the time; `| local_date: "short"` → "17 Dec 2026" (for SMS). A plain date
 * (YYYY-MM-DD) is shown as that calendar day.
 */
export function localDate(value: unknown, format: FormatSettings, style: unknown = 'date'): string {
  if (typeof value !== 'string') return '';
  const plainDate = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const parsed = plainDate
    ? DateTime.fromISO(value, { zone: 'UTC' })
    : DateTime.fromISO(value, { setZone: true }).setZone(format.timezone);
  if (!parsed.isValid) return value;
  const localised = parsed.setLocale(format.locale);
  return style === 'datetime' && !plainDate
    ? localised.toLocaleString({
        ...DateTime.DATE_HUGE,
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      })
    : localised.toLocaleString(style === 'short' ? DateTime.DATE_MED : DateTime.DATE_HUGE);
}
