import { describe, expect, it } from 'vitest';
import { firstEmptyField } from '../../../renderer/tickets/formModel.js';

describe('where the cursor goes when a ticket form opens', () => {
  it('a new caller whose number the call brought: the name, never the filled phone', () => {
    expect(firstEmptyField({ customer: { phone: '13912345678' } }, false)).toEqual(['customer', 'name']);
  });
  it('a known caller: the subject, then the description once the subject is written', () => {
    expect(firstEmptyField({ customerId: 'c1', customer: { name: '李娜', phone: '13912345678' } }, true)).toEqual(['subject']);
    expect(firstEmptyField({ customerId: 'c1', subject: 'VPN 连接失败' }, true)).toEqual(['description']);
  });
  it('a blank form: the phone; a whitespace-only field counts as empty', () => {
    expect(firstEmptyField({}, false)).toEqual(['customer', 'phone']);
    expect(firstEmptyField({ customer: { phone: '  ' } }, false)).toEqual(['customer', 'phone']);
  });
  it('everything filled: back to the subject', () => {
    expect(firstEmptyField({ customer: { name: '李娜', phone: '13912345678' }, subject: 'a', description: 'b' }, false)).toEqual(['subject']);
  });
});

describe('the contact rule names its configured hours', () => {
  it('prints whole and fractional hours', async () => {
    const { ruleHours } = await import('../../../renderer/work/timeText.js');
    expect(ruleHours(240)).toBe('4');
    expect(ruleHours(90)).toBe('1.5');
    expect(ruleHours(15)).toBe('0.25');
  });
});
