import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredMirror, electronViteEnv, installedExecutable, installerCause } from '../../../electron/launcher/electronBinary.js';
import { electronUnavailable, launcherLocale } from '../../../electron/launcher/messages.js';

const dirs: string[] = [];
function electronDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-electron-pkg-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('installedExecutable', () => {
  it('finds the binary install.js left: matching version, path.txt and file', () => {
    const dir = electronDir({ 'dist/version': 'v45.4.1', 'path.txt': 'electron', 'dist/electron': '' });
    expect(installedExecutable({ dir, version: '45.4.1' }, {}, 'linux')).toBe(path.join(dir, 'dist', 'electron'));
  });
  it('counts another version, a missing path.txt or a missing executable as not installed', () => {
    expect(installedExecutable({ dir: electronDir({ 'dist/version': 'v44.0.0', 'path.txt': 'electron', 'dist/electron': '' }), version: '45.4.1' }, {}, 'linux')).toBeNull();
    expect(installedExecutable({ dir: electronDir({ 'dist/version': 'v45.4.1', 'dist/electron': '' }), version: '45.4.1' }, {}, 'linux')).toBeNull();
    expect(installedExecutable({ dir: electronDir({ 'dist/version': 'v45.4.1', 'path.txt': 'electron' }), version: '45.4.1' }, {}, 'linux')).toBeNull();
    // path.txt written for another platform
    expect(installedExecutable({ dir: electronDir({ 'dist/version': 'v45.4.1', 'path.txt': 'electron', 'dist/electron': '' }), version: '45.4.1' }, {}, 'win32')).toBeNull();
  });
});

describe('installerCause', () => {
  it('keeps the error line of a stack trace and drops its frames', () => {
    const output = 'Error: Generated checksum for "electron.zip" did not match expected checksum.\n    at validate (file:///x.js:1:2)\n    at async y (file:///y.js:3:4)\n';
    expect(installerCause(output, 1)).toBe('Error: Generated checksum for "electron.zip" did not match expected checksum.');
    expect(installerCause('HTTPError: Response code 404 (Not Found)\n    at z\n', 1)).toBe('HTTPError: Response code 404 (Not Found)');
  });
  it('says the exit code when the installer printed nothing', () => {
    expect(installerCause('', 7)).toBe('the installer exited with code 7');
  });
});

describe('launcher environment', () => {
  it('reads the mirror however @electron/get would find it', () => {
    expect(configuredMirror({ ELECTRON_MIRROR: 'https://m.example/electron/' })).toBe('https://m.example/electron/');
    expect(configuredMirror({ npm_config_electron_mirror: 'https://npmrc.example/', ELECTRON_MIRROR: 'https://env.example/' })).toBe('https://npmrc.example/');
    expect(configuredMirror({})).toBeUndefined();
  });
  it('hands electron-vite the executable, and --no-sandbox only to root on Linux', () => {
    expect(electronViteEnv({ A: '1' }, '/e/electron', true, 'linux')).toEqual({ A: '1', ELECTRON_EXEC_PATH: '/e/electron', NO_SANDBOX: '1' });
    expect(electronViteEnv({}, '/e/electron', false, 'linux')).toEqual({ ELECTRON_EXEC_PATH: '/e/electron' });
    expect(electronViteEnv({}, 'C:\\e\\electron.exe', true, 'win32')).toEqual({ ELECTRON_EXEC_PATH: 'C:\\e\\electron.exe' });
  });
  it('speaks Chinese on a Chinese machine, English otherwise, and names the way out either way', () => {
    expect(launcherLocale({ LANG: 'zh_CN.UTF-8' }, 'en-US')).toBe('zh-CN');
    expect(launcherLocale({}, 'zh-Hans-CN')).toBe('zh-CN');
    expect(launcherLocale({ LC_ALL: 'C' }, 'zh-CN')).toBe('en');
    const zh = electronUnavailable('zh-CN', { version: '45.4.1', mirror: undefined, cause: 'TypeError: fetch failed (getaddrinfo ENOTFOUND github.com)' });
    expect(zh).toContain('ELECTRON_MIRROR');
    expect(zh).toContain('npm run start:browser');
    expect(zh).toContain('ENOTFOUND');
    expect(zh).not.toContain('\n');
  });
});
