import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, type PageGlobals } from '../fixtures.js';
import { DOMAIN, sipBedMissing, startSipBed, WS_URL, type SipBed } from './sipBed.js';

/** What the softphone specs share: Chromium's flags, the admin's settings form, the call records, the packet counts. */

/**
 * Chromium needs, for the SIP specs only: loopback ICE candidates
 * (--allow-loopback-in-peer-connection, no mDNS hiding) and a fake
 * microphone without a prompt (../shared/sip-testbed/README.md, fragile points).
 */
export const SIP_CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--allow-loopback-in-peer-connection',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--disable-features=WebRtcHideLocalIpsWithMdns',
    '--autoplay-policy=no-user-gesture-required',
  ],
};

/**
 * What every SIP spec does at its top: skipped (with the reason) where the
 * test bed's packages are missing, Chromium with SIP_CHROMIUM on the console
 * at 1366x768 with the microphone granted, the bed started once for the file.
 * Returns the bed of the running file.
 */
export function useSipBed(): () => SipBed {
  const missing = sipBedMissing();
  test.skip(missing !== null, `SIP test bed not available: ${missing ?? ''}`);
  test.use({ startScreen: 'console', viewport: { width: 1366, height: 768 }, permissions: ['microphone'], launchOptions: SIP_CHROMIUM });
  let bed: SipBed | undefined;
  test.beforeAll(async () => {
    bed = await startSipBed();
  });
  test.afterAll(async () => {
    await bed?.close();
  });
  return () => {
    if (!bed) throw new Error('the SIP test bed is not started');
    return bed;
  };
}

export type Recorded = { status: string; answerAt: string | null; endAt: string | null; holdSeconds: number; source: string; number: string; direction: string };

export async function calls(page: Page): Promise<Recorded[]> {
  return page.evaluate(async () => {
    const r = await (globalThis as unknown as PageGlobals).api.invoke('calls:list', { limit: 10, offset: 0 });
    if (!r.ok) throw new Error(r.error.message);
    return r.value as unknown as Recorded[];
  });
}

export async function packets(media: Locator): Promise<{ in: number; out: number }> {
  return { in: Number((await media.getAttribute('data-in')) ?? '0'), out: Number((await media.getAttribute('data-out')) ?? '0') };
}

/** Fills the admin's softphone form (already on 系统管理 → CTI 来电接口) and saves. */
export async function configure(page: Page, extension: string, wsUrl = WS_URL, extra?: (panel: Locator) => Promise<void>): Promise<void> {
  const panel = page.getByTestId('softphone-settings-panel');
  await panel.getByTestId('softphone-domain').fill(DOMAIN);
  await panel.getByTestId('softphone-ws-url').fill(wsUrl);
  await panel.getByTestId('softphone-extension').fill(extension);
  await panel.getByTestId('softphone-password').fill('seat-secret-1');
  if (extra) await extra(panel);
  await panel.getByTestId('softphone-save').click();
}

/** Admin screen → CTI tab → settings saved → back on the console, registered. */
export async function registerSeat(page: Page, extension = '1001', extra?: (panel: Locator) => Promise<void>): Promise<void> {
  await page.keyboard.press('Control+7');
  await page.getByRole('tab', { name: 'CTI 来电接口' }).click();
  await configure(page, extension, WS_URL, extra);
  await page.keyboard.press('Control+1');
}

/**
 * The speed figures (issue 19 point 6) measured in the page itself, test
 * code only: an INVITE's arrival on the SIP WebSocket (a new dialog: no To
 * tag) to the frame after the call bar turned "ringing"; an F2 keypress to
 * the first stats in which the new call's RTP goes both ways (polled every
 * 5 ms). Read with readTimings.
 */
export const TIMING_PROBE = `(() => {
  const t = { invites: [], rings: [], answerToAudio: [] };
  globalThis.__spTimings = t;
  const WS = globalThis.WebSocket;
  globalThis.WebSocket = class extends WS {
    constructor(...a) {
      super(...a);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('INVITE ') && !/\\r\\nTo:[^\\r\\n]*;tag=/i.test(e.data)) t.invites.push(performance.now());
      });
    }
  };
  const pcs = [];
  const PC = globalThis.RTCPeerConnection;
  globalThis.RTCPeerConnection = class extends PC {
    constructor(...a) {
      super(...a);
      pcs.push(this);
    }
  };
  let last = null;
  new MutationObserver(() => {
    const bar = document.querySelector('[data-testid="call-bar"]');
    const status = bar ? bar.getAttribute('data-status') : null;
    if (status === 'ringing' && last !== 'ringing') requestAnimationFrame(() => t.rings.push(performance.now()));
    last = status;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'], childList: true });
  addEventListener('keydown', (e) => {
    if (e.key !== 'F2') return;
    const t0 = performance.now();
    const seen = pcs.length;
    const poll = async () => {
      if (performance.now() - t0 > 10000) return;
      for (const pc of pcs.slice(Math.max(0, seen - 1))) {
        if (pc.connectionState === 'closed') continue;
        let inb = 0, outb = 0;
        (await pc.getStats()).forEach((s) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') inb += s.packetsReceived || 0;
          if (s.type === 'outbound-rtp' && s.kind === 'audio') outb += s.packetsSent || 0;
        });
        if (inb > 0 && outb > 0) return void t.answerToAudio.push(performance.now() - t0);
      }
      setTimeout(poll, 5);
    };
    void poll();
  }, true);
})();`;

export async function readTimings(page: Page): Promise<{ inviteToRing: number[]; answerToAudio: number[] }> {
  const t = await page.evaluate(() => (globalThis as unknown as { __spTimings: { invites: number[]; rings: number[]; answerToAudio: number[] } }).__spTimings);
  // Each ringing follows its own INVITE: pair every ring with the latest INVITE before it.
  const inviteToRing = t.rings.map((r) => r - Math.max(...t.invites.filter((i) => i <= r))).filter((d) => Number.isFinite(d));
  return { inviteToRing, answerToAudio: t.answerToAudio };
}

export function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? null;
}

/** Writes the figures beside the run's other results (test-results/softphone-timings.json) with the machine's load. */
export function writeTimings(figures: { inviteToRing: number[]; answerToAudio: number[] }, load: string): Record<string, unknown> {
  const round = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
  const out = {
    at: new Date().toISOString(),
    uptime: load,
    inviteToRingingMs: { n: figures.inviteToRing.length, p95: round(p95(figures.inviteToRing)), max: round(figures.inviteToRing.length ? Math.max(...figures.inviteToRing) : null), all: figures.inviteToRing.map((v) => round(v)), target: 200 },
    answerToAudioMs: { n: figures.answerToAudio.length, p95: round(p95(figures.answerToAudio)), max: round(figures.answerToAudio.length ? Math.max(...figures.answerToAudio) : null), all: figures.answerToAudio.map((v) => round(v)), target: 500 },
  };
  const file = path.join('test-results', 'softphone-timings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  return out;
}
