import { describe, expect, it } from 'vitest';
import { changedAt, editedFieldsWithErrors } from '../../../renderer/app/formErrors.js';

/** antd's onValuesChange gives only the edited path (arrays sparse), as these literals do. */
describe('a field error goes as soon as the field is edited', () => {
  const errors = [
    { name: ['to'], errors: ['必填'] },
    { name: ['ask'], errors: [] },
    { name: ['workOrder', 'engineer'], errors: ['必填'] },
    { name: ['notReadyReasons', 1, 'code'], errors: ['编码重复'] },
    { name: ['sla', 'businessHours', 'closedDates'], errors: ['日期格式不正确'] },
  ];

  it('clears the edited field with an error, and only it', () => {
    expect(editedFieldsWithErrors(errors, { to: '二线' })).toEqual([['to']]);
    expect(editedFieldsWithErrors(errors, { workOrder: { engineer: '张工' } })).toEqual([['workOrder', 'engineer']]);
    expect(editedFieldsWithErrors(errors, { ask: 'x' })).toEqual([]);
  });

  it('finds list rows by index in a sparse array and whole tag lists', () => {
    const row: unknown[] = [];
    row[1] = { code: 'meal' };
    expect(editedFieldsWithErrors(errors, { notReadyReasons: row })).toEqual([['notReadyReasons', 1, 'code']]);
    const other: unknown[] = [];
    other[0] = { code: 'meal' };
    expect(editedFieldsWithErrors(errors, { notReadyReasons: other })).toEqual([]);
    expect(editedFieldsWithErrors(errors, { sla: { businessHours: { closedDates: ['2026-10-01'] } } })).toEqual([['sla', 'businessHours', 'closedDates']]);
  });

  it('counts a field emptied (undefined, null, empty string) as edited', () => {
    expect(changedAt({ to: undefined }, ['to'])).toBe(true);
    expect(changedAt({ to: null }, ['to'])).toBe(true);
    expect(changedAt({ to: '' }, ['to'])).toBe(true);
    expect(changedAt({ other: 'x' }, ['to'])).toBe(false);
    expect(changedAt({ workOrder: null }, ['workOrder', 'engineer'])).toBe(false);
  });
});
