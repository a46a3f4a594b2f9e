import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The softphone e2e's PBX on 127.0.0.1 (after ../shared/sip-testbed):
 * kamailio as SIP-over-WebSocket registrar and proxy (WS 18088, SIP 15060),
 * rtpengine relaying the browser's WebRTC (ICE + DTLS-SRTP) to plain RTP,
 * sipp as the customer (2001). Started per spec, stopped after it; only
 * the processes started here are ever killed.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const SIP_PORT = 15060;
export const WS_URL = 'ws://127.0.0.1:18088';
export const DOMAIN = 'hotline.test';
const PROGRAMS = ['kamailio', 'rtpengine', 'sipp'] as const;

/** Why the SIP e2e cannot run here (a program missing), or null when it can. */
export function sipBedMissing(): string | null {
  const missing = PROGRAMS.filter((p) => spawnSync('sh', ['-c', `command -v ${p} || test -x /usr/sbin/${p}`], { stdio: 'ignore' }).status !== 0);
  if (missing.length === 0 && !fs.existsSync('/usr/lib/x86_64-linux-gnu/kamailio/modules/websocket.so') && !fs.existsSync('/usr/lib/kamailio/modules/websocket.so')) {
    return 'kamailio-websocket-modules is not installed (apt-get install kamailio-websocket-modules; .ci/run installs it)';
  }
  return missing.length ? `${missing.join(', ')} not installed (apt-get install kamailio kamailio-websocket-modules rtpengine-daemon sip-tester; .ci/run installs them)` : null;
}

function program(name: string): string {
  return fs.existsSync(`/usr/sbin/${name}`) ? `/usr/sbin/${name}` : name;
}

async function waitPort(port: number, kind: 'tcp' | 'udp-ng', ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (kind === 'tcp') {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (ok) return;
    } else {
      const ss = spawnSync('ss', ['-lnuH', `sport = :${port}`], { encoding: 'utf8' });
      if (ss.stdout.trim() !== '') return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} never opened`);
}

export interface SipBed {
  logs: string;
  /** runs a sipp customer scenario from tests/e2e/sip; resolves with its exit code */
  /** the PBX goes away (kamailio stopped: the WebSocket drops) and comes back */
  stopPbx(): Promise<void>;
  startPbx(): Promise<void>;
  /** the media relay dies (rtpengine stopped): calls keep their SIP dialog, their RTP stops */
  stopMedia(): Promise<void>;
  sipp(scenario: string, service: string, opts?: { rtpEcho?: boolean; mediaPort?: number; localPort?: number; keys?: Record<string, string> }): SippRun;
  close(): Promise<void>;
}

export interface SippRun {
  done: Promise<number>;
  output(): string;
  kill(): void;
}

function stop(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      resolve();
    }, 2000);
    p.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    p.kill('SIGTERM');
  });
}

export async function startSipBed(): Promise<SipBed> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-sip-'));
  const started: ChildProcess[] = [];
  const logFile = (name: string): number => fs.openSync(path.join(dir, `${name}.log`), 'w');
  const startKamailio = (): ChildProcess => {
    const p = spawn(program('kamailio'), ['-A', 'WITH_RTPENGINE', '-f', path.join(HERE, 'kamailio.cfg'), '-DD', '-E', '-m', '64', '-M', '8', '-Y', dir, '-P', path.join(dir, 'kamailio.pid')], {
      stdio: ['ignore', logFile('kamailio'), logFile('kamailio-err')],
    });
    started.push(p);
    return p;
  };
  let kam: ChildProcess | null = null;
  const rtp = spawn(program('rtpengine'), [`--config-file=${path.join(HERE, 'rtpengine.conf')}`, `--pidfile=${path.join(dir, 'rtpengine.pid')}`], { stdio: ['ignore', logFile('rtpengine'), logFile('rtpengine-err')] });
  started.push(rtp);
  const close = async (): Promise<void> => {
    for (const p of started.reverse()) await stop(p);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitPort(12223, 'udp-ng');
    kam = startKamailio();
    await waitPort(18088, 'tcp');
  } catch (e) {
    const logs = readLogs(dir);
    await close();
    throw new Error(`the SIP test bed did not start: ${(e as Error).message}\n${logs}`, { cause: e });
  }
  return {
    get logs() {
      return readLogs(dir);
    },
    async stopPbx() {
      if (kam) await stop(kam);
    },
    async stopMedia() {
      await stop(rtp);
    },
    async startPbx() {
      kam = startKamailio();
      await waitPort(18088, 'tcp');
    },
    sipp(scenario, service, opts = {}) {
      const args = ['-i', '127.0.0.1', '-mi', '127.0.0.1', '-m', '1', '-nostdin', '-timeout', '60s', '-sf', path.join(HERE, scenario), '-s', service, '-p', String(opts.localPort ?? 16061), '-mp', String(opts.mediaPort ?? 16000)];
      if (opts.rtpEcho) args.push('-rtp_echo');
      for (const [k, v] of Object.entries(opts.keys ?? {})) args.push('-key', k, v);
      args.push(`127.0.0.1:${SIP_PORT}`);
      const p = spawn('sipp', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      started.push(p);
      let out = '';
      p.stdout?.on('data', (d: Buffer) => (out += d.toString()));
      p.stderr?.on('data', (d: Buffer) => (out += d.toString()));
      const done = new Promise<number>((resolve) => p.once('exit', (code) => resolve(code ?? -1)));
      return { done, output: () => out.slice(-4000), kill: () => void stop(p) };
    },
    close,
  };
}

function readLogs(dir: string): string {
  return ['kamailio-err', 'rtpengine-err']
    .map((n) => {
      try {
        return `--- ${n}\n${fs.readFileSync(path.join(dir, `${n}.log`), 'utf8').slice(-3000)}`;
      } catch {
        return '';
      }
    })
    .join('\n');
}
