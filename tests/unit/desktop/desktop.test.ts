import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng, stateBadgePixels, stateBadgePngs } from '../../../electron/core/desktop/trayIcon.js';
import type { AgentSession } from '../../../shared/desk/schema.js';
import { telFromArgv } from '../../../shared/desktop/tel.js';
import { TRAY_COLOURS, trayModel, type TrayItem, type TrayLabels } from '../../../shared/desktop/tray.js';
import { nextZoom, onWindowClose, restoreBounds, tvPlacement, zoomCommandForKey } from '../../../shared/desktop/window.js';

const labels: TrayLabels = {
  appName: '热线工作台',
  signedOut: '未登录',
  states: { offline: '离线', ready: '就绪', on_call: '通话中', after_call: '话后处理', not_ready: '示忙' },
  notTakingCalls: '不接电话',
  ready: '示闲（就绪）',
  notReady: '示忙',
  show: '显示窗口',
  signOut: '退出登录',
  quit: '退出工作台',
};
const reasons = [
  { code: 'break', label: '小休' },
  { code: 'meal', label: '用餐' },
];
const session = (state: AgentSession['state'], reason: string | null = null): AgentSession => ({
  agent: { username: 'li.na', displayName: '李娜', role: 'agent', team: '一线', source: 'local' },
  state,
  reason,
  since: '2026-12-07T01:00:00.000Z',
  needsSetup: false,
});
const find = (items: TrayItem[], label: string): TrayItem | undefined =>
  items.flatMap((i) => (i.type === 'submenu' ? [i, ...i.items] : [i])).find((i) => i.type !== 'separator' && i.label === label);

describe('tel: hand-over', () => {
  it('finds the number of a tel: or callto: link among the arguments', () => {
    // The number as written (the ticket form's one rule keeps its separators), decoded from the URL.
    expect(telFromArgv(['/opt/hotline/hotline-workstation', '--no-sandbox', 'tel:+86%20138-0013-8000'])).toBe('+86 138-0013-8000');
    expect(telFromArgv(['electron', '.', 'TEL:010 6552 9988'])).toBe('010 6552 9988');
    // Full-width digits, and an extension parameter, as the ticket form takes them.
    expect(telFromArgv(['x', 'tel:１３９１２３４５６７８'])).toBe('13912345678');
    expect(telFromArgv(['x', 'tel:010-65529988;ext=123'])).toBe('010-65529988 ext 123');
    expect(telFromArgv(['x', 'callto://13912345678'])).toBe('13912345678');
    expect(telFromArgv(['x', 'tel:13912345678;phone-context=example.com'])).toBe('13912345678');
  });
  it('ignores other arguments and links with nothing dialable', () => {
    expect(telFromArgv(['electron', '.', '--inspect'])).toBeNull();
    expect(telFromArgv(['x', 'tel:javascript:alert(1)'])).toBeNull();
    expect(telFromArgv(['x', 'tel:%E0%A4%A'])).toBeNull();
    expect(telFromArgv(['x', 'https://example.com/tel:123456'])).toBeNull();
    // Not a number the ticket form would take
    expect(telFromArgv(['x', 'tel:12345'])).toBeNull();
  });
});

describe('tray model', () => {
  it('shows the state in colour and tooltip, with the not-ready reason', () => {
    const m = trayModel(session('not_ready', 'meal'), reasons, labels);
    expect(m.colour).toBe(TRAY_COLOURS.not_ready);
    expect(m.tooltip).toBe('热线工作台 · 李娜 · 示忙 · 用餐');
    expect(find(m.items, '用餐')).toMatchObject({ type: 'radio', checked: true, enabled: true, action: { kind: 'notReady', reason: 'meal' } });
    expect(find(m.items, '小休')).toMatchObject({ checked: false });
    expect(find(m.items, labels.ready)).toMatchObject({ checked: false, enabled: true });
  });
  it('offers no state change during a call or after-call work, and no sign-out while talking', () => {
    for (const state of ['on_call', 'after_call'] as const) {
      const m = trayModel(session(state), reasons, labels);
      expect(find(m.items, labels.ready)).toMatchObject({ enabled: false });
      expect(find(m.items, '小休')).toMatchObject({ enabled: false });
    }
    expect(find(trayModel(session('on_call'), reasons, labels).items, labels.signOut)).toMatchObject({ enabled: false });
    expect(find(trayModel(session('after_call'), reasons, labels).items, labels.signOut)).toMatchObject({ enabled: true });
  });
  it('signed out: grey, only show and quit', () => {
    const m = trayModel({ agent: null, state: 'offline', reason: null, since: null, needsSetup: false }, reasons, labels);
    expect(m.colour).toBe(TRAY_COLOURS.offline);
    expect(m.tooltip).toBe('热线工作台 · 未登录');
    expect(m.items.flatMap((i) => (i.type === 'separator' ? [] : [i.label]))).toEqual([labels.show, labels.quit]);
  });
  it('a supervisor signed in without taking calls reads so, not as a break', () => {
    expect(trayModel(session('not_ready', null), reasons, labels).tooltip).toBe('热线工作台 · 李娜 · 不接电话');
  });
  it('a reason code no longer configured still shows, by its code', () => {
    expect(trayModel(session('not_ready', 'training'), reasons, labels).tooltip).toContain('示忙 · training');
  });
});

describe('tray icon', () => {
  it('is a real PNG, state-coloured in the badge, transparent in the corners', () => {
    const px = stateBadgePixels('#389e0d', 16);
    const at = (x: number, y: number) => [...px.subarray((y * 16 + x) * 4, (y * 16 + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(8, 2)).toEqual([0x38, 0x9e, 0x0d, 255]);
    const [one, two] = stateBadgePngs('#cf1322');
    expect(one?.png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(two?.png.readUInt32BE(16)).toBe(32);
    // The IDAT inflates back to the pixels plus one filter byte per row.
    const png = encodePng(px, 16);
    const idat = png.indexOf('IDAT');
    const data = png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4));
    expect(zlib.inflateSync(data).length).toBe(16 * (16 * 4 + 1));
  });
});

describe('window rules', () => {
  it('asks whether to keep running in the tray only during a shift', () => {
    expect(onWindowClose({ quitting: false, signedIn: true, remembered: null })).toBe('ask');
    expect(onWindowClose({ quitting: false, signedIn: false, remembered: null })).toBe('close');
    expect(onWindowClose({ quitting: true, signedIn: true, remembered: null })).toBe('close');
    expect(onWindowClose({ quitting: false, signedIn: true, remembered: 'tray' })).toBe('hide');
    expect(onWindowClose({ quitting: false, signedIn: true, remembered: 'quit' })).toBe('close');
  });
  it('zooms in Chromium steps within bounds, from any factor', () => {
    expect(nextZoom(1, 'in')).toBe(1.1);
    expect(nextZoom(1, 'out')).toBe(0.9);
    expect(nextZoom(1.2, 'in')).toBe(1.25);
    expect(nextZoom(1.2, 'out')).toBe(1.1);
    expect(nextZoom(3, 'in')).toBe(3);
    expect(nextZoom(0.5, 'out')).toBe(0.5);
    expect(nextZoom(1.75, 'reset')).toBe(1);
  });
  it('maps Ctrl+= / Ctrl++ / Ctrl+- / Ctrl+0 (Cmd on macOS)', () => {
    const key = (k: string, control = true, meta = false, alt = false) => ({ key: k, control, meta, alt });
    expect(zoomCommandForKey(key('='), 'win32')).toBe('in');
    expect(zoomCommandForKey(key('+'), 'linux')).toBe('in');
    expect(zoomCommandForKey(key('-'), 'linux')).toBe('out');
    expect(zoomCommandForKey(key('0'), 'win32')).toBe('reset');
    expect(zoomCommandForKey(key('0', false), 'win32')).toBeNull();
    expect(zoomCommandForKey(key('=', true, false, true), 'win32')).toBeNull();
    expect(zoomCommandForKey(key('=', false, true), 'darwin')).toBe('in');
  });
});

describe('window bounds', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const right = { x: 1920, y: 0, width: 1600, height: 860 };
  it('opens where it was, on the second display, while that display is connected', () => {
    const saved = { x: 2000, y: 40, width: 1400, height: 800, maximized: false };
    expect(restoreBounds(saved, [primary, right])).toEqual(saved);
  });
  it('comes back onto the primary display, same size, centred, when its display is gone', () => {
    expect(restoreBounds({ x: 2000, y: 40, width: 1400, height: 800, maximized: true }, [primary])).toEqual({ x: 260, y: 120, width: 1400, height: 800, maximized: true });
  });
  it('never opens with its title bar off screen or larger than the display', () => {
    // only 20 px of it on the primary display: not enough to grab
    expect(restoreBounds({ x: 1900, y: 10, width: 1000, height: 700, maximized: false }, [primary])).toMatchObject({ x: 460, y: 170 });
    expect(restoreBounds({ x: 100, y: -600, width: 1000, height: 700, maximized: false }, [primary])).toMatchObject({ y: 170 });
    expect(restoreBounds({ width: 2560, height: 1400, maximized: false }, [primary])).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
    expect(restoreBounds(undefined, [primary])).toBeUndefined();
  });
});

describe('the wallboard TV window', () => {
  const laptop = { id: 1, primary: true, bounds: { x: 0, y: 0, width: 1366, height: 768 } };
  const tv = { id: 2, primary: false, bounds: { x: 1366, y: 0, width: 1920, height: 1080 } };
  const small = { id: 3, primary: false, bounds: { x: -1280, y: 0, width: 1280, height: 1024 } };

  it('goes full screen on the largest display that is not the agent’s', () => {
    expect(tvPlacement([laptop, small, tv])).toEqual({ bounds: tv.bounds, fullscreen: true });
    expect(tvPlacement([small, laptop])).toEqual({ bounds: small.bounds, fullscreen: true });
  });

  it('with one display, opens a window over most of it (to drag to a screen plugged in later)', () => {
    expect(tvPlacement([laptop])).toEqual({ bounds: { x: 137, y: 77, width: 1093, height: 614 }, fullscreen: false });
    expect(tvPlacement([])).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 720 }, fullscreen: false });
  });
});
