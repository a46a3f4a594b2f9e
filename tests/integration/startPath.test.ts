import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshCopy, PROJECT_ROOT } from '../support/freshCopy.js';
import { makeZip } from '../support/zip.js';

/**
 * The README's first command on a fresh copy of the app: `npm start` fetches
 * Electron through electron's own installer from ELECTRON_MIRROR, verifies
 * it against the mirror's SHASUMS256.txt, builds, and launches it on the
 * built app. The "Electron" served here is a stand-in that records how it
 * was started. A mirror that cannot be reached gives one paragraph and a
 * non-zero exit.
 */

const version = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const artifact = `electron-v${version}-${process.platform}-${process.arch}.zip`;

/** Records its working folder and arguments, and whether the built main script is there. */
const standIn = [
  '#!/bin/sh',
  'test -n "$HW_FAKE_ELECTRON_LOG" || exit 3',
  '{ echo "cwd=$PWD"; if [ -f "$PWD/out/main/index.js" ]; then echo "main=built"; else echo "main=missing"; fi; for a in "$@"; do echo "arg=$a"; done; } > "$HW_FAKE_ELECTRON_LOG"',
  '',
].join('\n');

/** The parent's environment without any Electron download settings of this machine's (they would win over the test's). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_config_electron|npm_package_config_electron|electron_|ELECTRON_|force_no_cache)/i.test(key)),
  );
}

function npmStart(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function readIfExists(file: string): string | null {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.skipIf(process.platform === 'win32')('npm start on a fresh copy', () => {
  const zip = makeZip([
    { name: 'electron', data: standIn, mode: 0o755 },
    { name: 'version', data: `v${version}` },
    { name: 'LICENSE', data: 'stand-in for tests' },
  ]);
  const requests: string[] = [];
  let mirror: http.Server;
  let mirrorUrl = '';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-start-'));

  beforeAll(async () => {
    const sums = `${createHash('sha256').update(zip).digest('hex')} *${artifact}\n`;
    mirror = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/v${version}/${artifact}`) res.writeHead(200, { 'content-type': 'application/zip' }).end(zip);
      else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200, { 'content-type': 'text/plain' }).end(sums);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
    mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => mirror.close(() => resolve()));
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('fetches Electron from the mirror, verifies it and launches it on the built app', { timeout: 420_000 }, async () => {
    const copy = freshCopy('hw-fresh-');
    const ownPathTxt = path.join(PROJECT_ROOT, 'node_modules/electron/path.txt');
    const ownBefore = readIfExists(ownPathTxt);
    try {
      const log = path.join(scratch, 'launched.txt');
      const run = await npmStart(copy.root, {
        ...cleanEnv(),
        LANG: 'en_US.UTF-8',
        ELECTRON_MIRROR: mirrorUrl,
        // The stand-in is not a real release: verify it against the mirror's SHASUMS256.txt, not the package's checksums.json.
        electron_use_remote_checksums: '1',
        electron_config_cache: path.join(scratch, 'cache'),
        HW_FAKE_ELECTRON_LOG: log,
      });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      expect(requests).toContain(`/v${version}/${artifact}`);
      expect(requests).toContain(`/v${version}/SHASUMS256.txt`);
      expect(fs.readFileSync(path.join(copy.root, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
      const launched = fs.readFileSync(log, 'utf8').trim().split('\n');
      expect(launched[0]).toBe(`cwd=${fs.realpathSync(copy.root)}`);
      expect(launched[1]).toBe('main=built');
      expect(launched[2]).toBe('arg=.');
      // Chromium refuses to run as root without it.
      if (process.getuid?.() === 0) expect(launched).toContain('arg=--no-sandbox');
      // The stand-in stayed in the copy: this checkout's own electron package was not touched.
      expect(readIfExists(ownPathTxt)).toBe(ownBefore);
    } finally {
      copy.remove();
    }
  });

  it('a checksum that does not match is refused, and nothing is launched', { timeout: 120_000 }, async () => {
    const copy = freshCopy('hw-fresh-');
    const bad = http.createServer((req, res) => {
      if (req.url === `/v${version}/${artifact}`) res.writeHead(200).end(zip);
      else if (req.url === `/v${version}/SHASUMS256.txt`) res.writeHead(200).end(`${'0'.repeat(64)} *${artifact}\n`);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => bad.listen(0, '127.0.0.1', resolve));
    try {
      const log = path.join(scratch, 'bad-sum.txt');
      const run = await npmStart(copy.root, {
        ...cleanEnv(),
        LANG: 'en_US.UTF-8',
        ELECTRON_MIRROR: `http://127.0.0.1:${(bad.address() as AddressInfo).port}/`,
        electron_use_remote_checksums: '1',
        electron_config_cache: path.join(scratch, 'cache-bad'),
        HW_FAKE_ELECTRON_LOG: log,
      });
      expect(run.code).not.toBe(0);
      expect(run.stderr).toMatch(/could not be fetched/);
      expect(run.stderr).toMatch(/checksum/i);
      expect(fs.existsSync(log)).toBe(false);
      expect(fs.existsSync(path.join(copy.root, 'node_modules/electron/path.txt'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => bad.close(() => resolve()));
      copy.remove();
    }
  });

  it('an unreachable mirror gives one paragraph (mirror, browser preview) and a non-zero exit', { timeout: 120_000 }, async () => {
    const copy = freshCopy('hw-fresh-');
    try {
      const port = await closedPort();
      const run = await npmStart(copy.root, {
        ...cleanEnv(),
        LANG: 'en_US.UTF-8',
        ELECTRON_MIRROR: `http://127.0.0.1:${port}/`,
        electron_config_cache: path.join(scratch, 'cache-none'),
      });
      expect(run.code).not.toBe(0);
      const paragraph = run.stderr.trim().split('\n').filter((line) => line.trim() !== '' && !line.startsWith('npm '));
      expect(paragraph).toHaveLength(1);
      expect(paragraph[0]).toContain(`Electron ${version} runtime could not be fetched`);
      expect(paragraph[0]).toContain(`http://127.0.0.1:${port}/`);
      expect(paragraph[0]).toContain('ECONNREFUSED');
      expect(paragraph[0]).toContain('ELECTRON_MIRROR');
      expect(paragraph[0]).toContain('npm run start:browser');
      // No stack trace anywhere in what the user sees.
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(copy.root, 'out'))).toBe(false);
    } finally {
      copy.remove();
    }
  });
});
