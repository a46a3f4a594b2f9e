import { describe, expect, it } from 'vitest';
import { terms } from '../../../electron/core/desk/similar.js';
import { openWork, ticketInput, type WorkHarness } from './workHarness.js';

async function solved(h: WorkHarness, subject: string, description: string, resolution: string) {
  const t = (await h.ok('tickets:create', ticketInput({ subject, description }))).ticket;
  await h.ok('tickets:transition', { id: t.id, to: 'resolved', resolution });
  return t;
}

describe('tickets:similar', () => {
  it('finds solved tickets sharing the distinctive terms, best first, with their resolution', async () => {
    const h = await openWork();
    const printer = await solved(h, '打印机报错 ERR_0x80070005', '打印时提示拒绝访问', '以管理员身份重装驱动');
    const printer2 = await solved(h, '打印机无法连接', '网络打印机脱机', '重新添加网络打印机');
    await solved(h, '密码重置', '客户忘记邮箱密码', '已重置密码');
    const open = (await h.ok('tickets:create', ticketInput({ subject: '打印机报错 ERR_0x80070005' }))).ticket;
    const found = await h.ok('tickets:similar', { text: '打印机 ERR_0x80070005 报错' });
    expect(found.map((f) => f.id)).toEqual([printer.id, printer2.id]);
    expect(found[0]).toMatchObject({ no: printer.no, resolution: '以管理员身份重装驱动' });
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 0);
    expect(found.map((f) => f.id)).not.toContain(open.id);
    expect((await h.ok('tickets:similar', { text: '打印机', excludeId: printer.id, limit: 1 })).map((f) => f.id)).toEqual([printer2.id]);
    expect(await h.ok('tickets:similar', { text: '投影仪' })).toEqual([]);
    expect((await h.failure('tickets:similar', { text: ' ' })).code).toBe('VALIDATION_FAILED');
  });

  it('sees an edited solved ticket with its new text (the term cache follows updated_at)', async () => {
    const h = await openWork();
    const t = await solved(h, '投影仪无信号', '会议室投影仪无信号', '更换 HDMI 线');
    expect((await h.ok('tickets:similar', { text: '投影仪' })).map((f) => f.id)).toEqual([t.id]);
    h.time.advance(60_000);
    await h.ok('tickets:update', { id: t.id, changes: { subject: '摄像头无画面', description: '会议室摄像头无画面' } });
    expect(await h.ok('tickets:similar', { text: '投影仪' })).toEqual([]);
    expect((await h.ok('tickets:similar', { text: '摄像头' })).map((f) => f.id)).toEqual([t.id]);
  });

  it('drops the lone trailing character of a Chinese run but keeps a one-character run', () => {
    expect([...terms('打印机 网')]).toEqual(['打印', '印机', '网']);
    expect([...terms('ERR_0x80070005')]).toEqual(['err', '0x80070005']);
  });
});
