import { describe, expect, it } from 'vitest';
import { connectorHostKind, ConnectorInputSchema, PhoneCommandSchema } from '../../../shared/desk/callControl.js';

describe('call-control connector address rule', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['localhost', 'loopback'],
    ['[::1]', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.20', 'private'],
    ['169.254.3.4', 'private'],
    ['100.64.0.1', 'private'],
    ['[fd12:3456::1]', 'private'],
    ['[fe80::1]', 'private'],
    ['[::ffff:192.168.1.2]', 'private'],
    ['172.15.0.1', 'public'],
    ['172.32.0.1', 'public'],
    ['8.8.8.8', 'public'],
    ['100.128.0.1', 'public'],
    ['[2001:db8::1]', 'public'],
    ['[::ffff:8.8.8.8]', 'public'],
    ['pbx.example.com', 'name'],
    ['999.1.1.1', 'name'],
  ])('%s is %s', (host, kind) => {
    expect(connectorHostKind(host)).toBe(kind);
  });

  it('names the field and the rule for every refusal', () => {
    const r = ConnectorInputSchema.safeParse({ url: 'https://203.0.113.9/cmd', token: 'a'.repeat(20) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({ path: ['url'], params: { code: 'url_host_public' } });
    expect(ConnectorInputSchema.safeParse({ url: ' http://192.168.1.20:8080/cmd ', token: 'a'.repeat(20) }).data?.url).toBe('http://192.168.1.20:8080/cmd');
    expect(ConnectorInputSchema.safeParse({ url: 'http://192.168.1.20/cmd#x', token: 'a'.repeat(20) }).error?.issues[0]).toMatchObject({ params: { code: 'url_fragment' } });
    expect(ConnectorInputSchema.safeParse({ url: 'http://192.168.1.20/cmd', token: 'a'.repeat(20), extra: 1 }).success).toBe(false);
  });
});

describe('phone command format (version 1)', () => {
  const header = { v: 1, commandId: 'c-1', agent: 'li.agent', seat: '8001', at: '2026-11-24T02:02:11.000Z' };
  it('accepts each documented command and refuses unknown fields or another version', () => {
    for (const command of ['answer', 'hold', 'resume', 'hangup'] as const) {
      expect(PhoneCommandSchema.safeParse({ ...header, command, callId: 'pbx-1', deskCallId: 'd-1', number: '13912345678' }).success, command).toBe(true);
    }
    expect(PhoneCommandSchema.safeParse({ ...header, command: 'dial', number: '13800138000', deskCallId: 'd-2', callbackId: null }).success).toBe(true);
    expect(PhoneCommandSchema.safeParse({ ...header, command: 'state', state: 'not_ready', reason: 'meal', reasonLabel: '用餐' }).success).toBe(true);
    expect(PhoneCommandSchema.safeParse({ ...header, command: 'state', state: 'after_call_work', reason: null, reasonLabel: null }).success).toBe(true);
    expect(PhoneCommandSchema.safeParse({ ...header, v: 2, command: 'state', state: 'ready', reason: null, reasonLabel: null }).success).toBe(false);
    expect(PhoneCommandSchema.safeParse({ ...header, command: 'state', state: 'on_call', reason: null, reasonLabel: null }).success).toBe(false);
    expect(PhoneCommandSchema.safeParse({ ...header, command: 'hold', callId: null, deskCallId: 'd-1', number: '1', token: 'x' }).success).toBe(false);
  });
});
