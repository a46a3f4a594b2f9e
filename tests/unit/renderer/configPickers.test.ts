import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { addDate, hmFromPicker, hmToPicker, removeDate } from '../../../renderer/work/configForm.js';

describe('the config page pickers keep the schema strings', () => {
  it("reads 'HH:mm' into the time picker and back; anything else is no time", () => {
    const d = hmToPicker('08:30');
    expect(d?.hour()).toBe(8);
    expect(d?.minute()).toBe(30);
    expect(hmFromPicker(d)).toBe('08:30');
    expect(hmFromPicker(dayjs().hour(17).minute(5))).toBe('17:05');
    for (const bad of ['', '8:30', '24:00', '08:60', null, undefined, 830]) expect(hmToPicker(bad)).toBeNull();
    // a cleared picker is an empty string, which the schema reports as 必填 under the field
    expect(hmFromPicker(null)).toBe('');
  });

  it('adds a holiday once, in calendar order, and removes one', () => {
    expect(addDate(['2026-10-02'], '2026-10-01')).toEqual(['2026-10-01', '2026-10-02']);
    expect(addDate(['2026-10-01', '2026-10-02'], '2026-10-02')).toEqual(['2026-10-01', '2026-10-02']);
    expect(removeDate(['2026-10-01', '2026-10-02'], '2026-10-02')).toEqual(['2026-10-01']);
  });
});
