import type { IMPORT_STAGES } from '@import-comms/events';
import { calendarDay } from '../calendar-day.js';

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
  const day = calendarDay(value);
  const instant = day ? Date.UTC(day.year, day.month - 1, day.day) : instantOf(value);
  if (Number.isNaN(instant)) return value;
  const shown = style === 'short' ? 'short' : style === 'datetime' && !day ? 'datetime' : 'date';
  // A calendar day is that day wherever the customer is: shown as the day it names, not converted.
  const formatter = dateFormatter(format.locale, day ? 'UTC' : format.timezone, shown);
  return formatter ? formatter.format(instant) : value;
}

/** ISO 8601 date-times as events carry them: a time, optional seconds and fraction, an optional offset. */
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The instant an ISO date-time names (NaN if it names none); without an offset it is the system's local time. */
function instantOf(value: string): number {
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return Number.NaN;
  const [, dateTime = '', offset = ''] = match;
  if (offset === '' || offset.toUpperCase() === 'Z') return Date.parse(`${dateTime}${offset}`);
  // `+13`, `+1300` and `+13:00` name one offset; Date.parse reads only the last.
  const digits = offset.slice(1).replace(':', '');
  return Date.parse(`${dateTime}${offset[0]}${digits.slice(0, 2)}:${digits.slice(2) || '00'}`);
}

const DATE_STYLES: Record<'date' | 'short' | 'datetime', Intl.DateTimeFormatOptions> = {
  date: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  short: { year: 'numeric', month: 'short', day: 'numeric' },
  datetime: {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  },
};

/**
 * Formatters by locale, zone and style (making one costs far more than using it); null for a locale or zone Intl
 * does not know. Bounded: zones come from customer records.
 */
const dateFormatters = new Map<string, Intl.DateTimeFormat | null>();
const MAX_DATE_FORMATTERS = 500;

function dateFormatter(locale: string, timeZone: string, style: keyof typeof DATE_STYLES) {
  const key = `${locale}|${timeZone}|${style}`;
  let formatter = dateFormatters.get(key);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...DATE_STYLES[style], timeZone });
    } catch {
      formatter = null;
    }
    if (dateFormatters.size >= MAX_DATE_FORMATTERS) dateFormatters.clear();
    dateFormatters.set(key, formatter);
  }
  return formatter;
}
