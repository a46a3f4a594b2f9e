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

