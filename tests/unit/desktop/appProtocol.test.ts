import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppUrl, isTrustedSenderUrl, resolveAppRequest } from '../../../electron/core/desktop/appProtocol.js';

let root = '';
let outside = '';
beforeAll(() => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'hw-app-proto-')));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {}');
  fs.writeFileSync(outside, 'password hashes');
  fs.symlinkSync(outside, path.join(root, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('app:// protocol', () => {
  it('serves the built renderer with its type and the CSP', () => {
    const index = resolveAppRequest('app://workstation/index.html', 'GET', root);
    expect(index).toMatchObject({ status: 200, file: path.join(root, 'index.html'), headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
    expect(index.headers['Content-Security-Policy']).toContain("script-src 'self'");
    expect(resolveAppRequest('app://workstation/assets/index-abc.js', 'GET', root)).toMatchObject({ status: 200, headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
    expect(resolveAppRequest('app://workstation/', 'HEAD', root)).toMatchObject({ status: 200, file: path.join(root, 'index.html') });
  });
  it('serves nothing outside the renderer folder, nor for another host or method', () => {
    for (const url of [
      'app://workstation/../secret.txt',
      'app://workstation/%2e%2e/secret.txt',
      'app://workstation/assets/..%2f..%2fsecret.txt',
      'app://workstation/assets/link.txt',
      'app://workstation/missing.js',
      'app://workstation/index.html%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(resolveAppRequest(url, 'GET', root).status, url).toBe(404);
    }
    expect(resolveAppRequest('app://workstation/index.html', 'POST', root).status).toBe(405);
  });
  it('counts only app://workstation (and the dev server) as our own page; file: no longer does', () => {
    expect(isAppUrl('app://workstation/index.html#/tickets', undefined)).toBe(true);
    expect(isAppUrl('file:///tmp/downloaded.html', undefined)).toBe(false);
    expect(isAppUrl('app://evil/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://cdn.example/x.js', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('data:image/png;base64,AAAA', undefined)).toBe(true);
    expect(isTrustedSenderUrl('app://workstation/index.html', undefined)).toBe(true);
    expect(isTrustedSenderUrl('data:text/html,<script>', undefined)).toBe(false);
    expect(isTrustedSenderUrl('file:///tmp/x.html', undefined)).toBe(false);
    expect(isTrustedSenderUrl(undefined, undefined)).toBe(false);
  });
});
