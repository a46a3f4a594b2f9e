import { describe, expect, it } from 'vitest';
import { fieldIssuesFrom } from '../../../shared/result.js';
import {
  grantsPermission,
  isSoftphoneSocketUrl,
  registerBackoffMs,
  sipTarget,
  softphoneIncoming,
  softphoneRegistered,
  SOFTPHONE_MAX_WAITING,
  SoftphoneInputSchema,
} from '../../../shared/desk/softphone.js';

/** The embedded softphone's pure rules (issue 19). */

const base = { domain: 'pbx.example.cn', extension: '8001', password: 'p' };

function issue(input: unknown): { path: string; code: string } | undefined {
  const r = SoftphoneInputSchema.safeParse(input);
  return r.success ? undefined : fieldIssuesFrom(r.error)[0];
}

describe('softphone settings', () => {
  it('require wss:// except to this PC, naming the field and the rule', () => {
    expect(issue({ ...base, wsUrl: 'ws://pbx.example.cn:8088' })).toMatchObject({ path: 'wsUrl', code: 'wss_required' });
    expect(issue({ ...base, wsUrl: 'ws://10.0.0.5:8088/ws' })).toMatchObject({ path: 'wsUrl', code: 'wss_required' });
    expect(issue({ ...base, wsUrl: 'http://pbx.example.cn' })).toMatchObject({ path: 'wsUrl', code: 'ws_scheme' });
    expect(issue({ ...base, wsUrl: 'not a url' })).toMatchObject({ path: 'wsUrl', code: 'url_invalid' });
    expect(issue({ ...base, wsUrl: 'wss://u:p@pbx.example.cn/ws' })).toMatchObject({ path: 'wsUrl', code: 'url_credentials' });
    for (const wsUrl of ['wss://pbx.example.cn:7443/ws', 'ws://127.0.0.1:8088', 'ws://localhost:5066', 'ws://[::1]:5066']) {
      expect(issue({ ...base, wsUrl }), wsUrl).toBeUndefined();
    }
  });

  it('refuse a domain with a scheme, an extension with spaces, an empty password', () => {
    const wsUrl = 'wss://pbx.example.cn/ws';
    expect(issue({ ...base, wsUrl, domain: 'sip:pbx.example.cn' })).toMatchObject({ path: 'domain', code: 'invalid_format' });
    expect(issue({ ...base, wsUrl, extension: '80 01' })).toMatchObject({ path: 'extension', code: 'invalid_format' });
    expect(issue({ ...base, wsUrl, password: '' })).toMatchObject({ path: 'password', code: 'too_small' });
    expect(SoftphoneInputSchema.parse({ ...base, wsUrl }).autoAnswer).toBe(false);
  });
});

describe('the agent state drives the phone', () => {
  it('a ready agent with a free line rings; not ready, after-call work and offline answer 486', () => {
    const free = { busy: false, waiting: 0 };
    expect(softphoneIncoming('ready', free)).toEqual({ action: 'ring' });
    expect(softphoneIncoming('not_ready', free)).toEqual({ action: 'busy', status: 486, reason: 'not_ready' });
    expect(softphoneIncoming('after_call', free)).toEqual({ action: 'busy', status: 486, reason: 'after_call' });
    expect(softphoneIncoming('offline', free)).toEqual({ action: 'busy', status: 486, reason: 'offline' });
  });

  it('a call while the agent is on another one waits (the console’s call-waiting rule), up to the limit; then 486', () => {
    expect(softphoneIncoming('on_call', { busy: true, waiting: 0 })).toEqual({ action: 'wait' });
    // The line already rings (the agent is still ready): the second caller waits too, never replaces the first.
    expect(softphoneIncoming('ready', { busy: true, waiting: 0 })).toEqual({ action: 'wait' });
    expect(softphoneIncoming('on_call', { busy: true, waiting: SOFTPHONE_MAX_WAITING - 1 })).toEqual({ action: 'wait' });
    expect(softphoneIncoming('on_call', { busy: true, waiting: SOFTPHONE_MAX_WAITING })).toEqual({ action: 'busy', status: 486, reason: 'waiting_full' });
    // On a call by the console's log (e.g. dialled elsewhere) though the softphone's line is free: still waiting.
    expect(softphoneIncoming('on_call', { busy: false, waiting: 0 })).toEqual({ action: 'wait' });
  });

  it('in unregister mode the phone is registered only while ready or on a call', () => {
    for (const s of ['ready', 'not_ready', 'on_call', 'after_call', 'offline'] as const) expect(softphoneRegistered(s, 'busy'), s).toBe(true);
    expect(softphoneRegistered('ready', 'unregister')).toBe(true);
    expect(softphoneRegistered('on_call', 'unregister')).toBe(true);
    expect(softphoneRegistered('not_ready', 'unregister')).toBe(false);
    expect(softphoneRegistered('after_call', 'unregister')).toBe(false);
    expect(softphoneRegistered('offline', 'unregister')).toBe(false);
  });

  it('the mode defaults to busy and is one of the two', () => {
    expect(SoftphoneInputSchema.parse({ ...base, wsUrl: 'wss://pbx.example.cn/ws' }).whenNotReady).toBe('busy');
    expect(issue({ ...base, wsUrl: 'wss://pbx.example.cn/ws', whenNotReady: 'dnd' })).toMatchObject({ path: 'whenNotReady' });
  });
});

describe('re-registration backoff', () => {
  it('doubles from 1 s to a 60 s cap, with at most 20 % jitter', () => {
    expect([0, 1, 2, 3].map((a) => registerBackoffMs(a, 0))).toEqual([1000, 2000, 4000, 8000]);
    expect(registerBackoffMs(6, 0)).toBe(60_000);
    expect(registerBackoffMs(50, 0)).toBe(60_000);
    expect(registerBackoffMs(0, 0.999)).toBeLessThanOrEqual(1200);
    expect(registerBackoffMs(0, 0.5)).toBe(1100);
    expect(registerBackoffMs(-3, 2)).toBeLessThanOrEqual(1200);
  });
});

describe('transfer and dial targets', () => {
  it('an extension, a queue, a number or a sip: URI on the PBX domain; anything else is refused', () => {
    expect(sipTarget('1002', 'hotline.test')).toBe('sip:1002@hotline.test');
    expect(sipTarget(' 010-6552 9988 ', 'hotline.test')).toBe('sip:01065529988@hotline.test');
    expect(sipTarget('+86 138 1234 5678', 'hotline.test')).toBe('sip:+8613812345678@hotline.test');
    expect(sipTarget('１００２', 'hotline.test')).toBe('sip:1002@hotline.test');
    expect(sipTarget('sip:queue-7@pbx.example.cn', 'hotline.test')).toBe('sip:queue-7@pbx.example.cn');
    for (const bad of ['', 'Zhang San', '1002; drop', 'sip:nohost', 'javascript:alert(1)']) expect(sipTarget(bad, 'hotline.test'), bad).toBeNull();
  });
});

describe('the Electron shell grants the microphone to the app only', () => {
  const appOrigins = ['app://workstation'];
  it('grants an audio request from the app', () => {
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/index.html#/console', appOrigins, mediaTypes: ['audio'] })).toBe(true);
  });
  it('refuses video, other permissions and other origins', () => {
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/index.html', appOrigins, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/index.html', appOrigins, mediaTypes: [] })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://evil/index.html', appOrigins, mediaTypes: ['audio'] })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'https://example.com/', appOrigins, mediaTypes: ['audio'] })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'not a url', appOrigins, mediaTypes: ['audio'] })).toBe(false);
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal']) {
      expect(grantsPermission({ permission, requestingUrl: 'app://workstation/index.html', appOrigins, mediaTypes: ['audio'] }), permission).toBe(false);
    }
  });
  it('answers checks: audio or device enumeration from the app, never video', () => {
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/', appOrigins, mediaTypes: ['audio'], check: true })).toBe(true);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/', appOrigins, mediaTypes: ['unknown'], check: true })).toBe(true);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'app://workstation/', appOrigins, mediaTypes: ['video'], check: true })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'http://localhost:5173/', appOrigins, mediaTypes: ['audio'], check: true })).toBe(false);
    expect(grantsPermission({ permission: 'media', requestingUrl: 'http://localhost:5173/', appOrigins: [...appOrigins, 'http://localhost:5173'], mediaTypes: ['audio'] })).toBe(true);
  });
});

describe('the one connection besides the app', () => {
  it('is the SIP WebSocket: wss:// anywhere, ws:// to this PC only', () => {
    expect(isSoftphoneSocketUrl('wss://pbx.example.cn:7443/ws')).toBe(true);
    expect(isSoftphoneSocketUrl('ws://127.0.0.1:8088')).toBe(true);
    expect(isSoftphoneSocketUrl('ws://10.0.0.5:8088')).toBe(false);
    expect(isSoftphoneSocketUrl('https://pbx.example.cn/')).toBe(false);
    expect(isSoftphoneSocketUrl('nonsense')).toBe(false);
  });
});
