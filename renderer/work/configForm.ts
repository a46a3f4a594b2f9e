import dayjs, { type Dayjs } from 'dayjs';
import type { BusinessHours, ConsoleConfig } from '../../shared/desk/schema.js';

/** The form's shape: business hours always present (edited while switched off), `hoursOn` says whether they apply. */
export type FormValues = Omit<ConsoleConfig, 'sla'> & { sla: Omit<ConsoleConfig['sla'], 'businessHours'> & { businessHours: BusinessHours }; hoursOn: boolean };
export type Name = (string | number)[];

/** Hours run from domain.md's day shift when the admin first switches them on. */
const DEFAULT_HOURS: BusinessHours = { days: [1, 2, 3, 4, 5], start: '08:30', end: '17:30', closedDates: [], openDates: [], utcOffsetMinutes: 480 };
/** Tag lists take one error for the whole field, whichever entry is wrong. */
const TAG_FIELDS = ['closedDates', 'openDates'];

export function toForm(c: ConsoleConfig): FormValues {
  return { ...c, hoursOn: c.sla.businessHours !== null, sla: { ...c.sla, businessHours: c.sla.businessHours ?? DEFAULT_HOURS } };
}

export function fromForm(v: FormValues): unknown {
  const { hoursOn, ...rest } = v;
  return { ...rest, sla: { ...v.sla, businessHours: hoursOn ? v.sla.businessHours : null } };
}

/** A zod path → the Form.Item name that shows it; the hours-order rule sits on the end time. */
export function configFieldName(path: string): Name {
  const parts: Name = path === '' ? [] : path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const last = parts[parts.length - 2];
  if (typeof parts[parts.length - 1] === 'number' && typeof last === 'string' && TAG_FIELDS.includes(last)) parts.pop();
  if (parts.join('.') === 'sla.businessHours') parts.push('end');
  return parts;
}


/** 'HH:mm' → the picker's value (today at that time); anything else (empty, half typed) → no value. */
export function hmToPicker(v: unknown): Dayjs | null {
  if (typeof v !== 'string') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(v);
  return m ? dayjs().hour(Number(m[1])).minute(Number(m[2])).second(0).millisecond(0) : null;
}

/** The picker's value → 'HH:mm'; a cleared picker is '' (the schema then says 必填 under the field). */
export function hmFromPicker(d: Dayjs | null | undefined): string {
  return d ? d.format('HH:mm') : '';
}

/** A date added to a holiday list: kept once, in calendar order. */
export function addDate(dates: readonly string[], date: string): string[] {
  return [...new Set([...dates, date])].sort();
}

export function removeDate(dates: readonly string[], date: string): string[] {
  return dates.filter((d) => d !== date);
}
