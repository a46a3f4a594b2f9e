import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import builderConfig, { EXECUTABLE } from '../../../electron-builder.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NSH = path.join(ROOT, 'resources/build/installer.nsh');
const source = fs.readFileSync(NSH, 'utf8');

/** The body of `!macro name` … `!macroend`, with the file's !defines expanded. */
function macro(name: string): string {
  const body = new RegExp(`!macro ${name}\\n([\\s\\S]*?)!macroend`).exec(source)?.[1];
  if (body == null) throw new Error(`installer.nsh has no macro ${name}`);
  const defines = new Map([...source.matchAll(/^!define (\w+) "([^"]*)"/gm)].map((m) => [m[1]!, m[2]!]));
  return body.replace(/\$\{(\w+)\}/g, (whole, key: string) => defines.get(key) ?? whole);
}

const written = (body: string) => [...body.matchAll(/WriteRegStr SHCTX "([^"]+)" "([^"]*)"/g)].map((m) => ({ key: m[1]!, value: m[2]! }));

// makensis from Debian's `nsis` package; electron-builder brings its own on the machines that build installers.
const makensis = spawnSync('makensis', ['-VERSION'], { encoding: 'utf8' });
const hasMakensis = makensis.status === 0;

describe('installer.nsh (tel: for the Windows installer)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-nsh-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is the include the NSIS config names', () => {
    expect(path.resolve(ROOT, builderConfig.nsis?.include ?? '')).toBe(NSH);
  });

  it('declares tel: as a capability with a ProgID that opens the app with the URL', () => {
    const install = written(macro('customInstall'));
    const association = install.find((w) => w.key.endsWith('\\Capabilities\\URLAssociations') && w.value === 'tel');
    expect(association).toBeDefined();
    const progId = /WriteRegStr SHCTX "[^"]+URLAssociations" "tel" "([^"]+)"/.exec(macro('customInstall'))?.[1];
    expect(progId).toBe('HotlineWorkstation.tel');
    expect(macro('customInstall')).toContain(`WriteRegStr SHCTX "Software\\Classes\\${progId}\\shell\\open\\command" "" '"$INSTDIR\\\${APP_EXECUTABLE_FILENAME}" "%1"'`);
    expect(macro('customInstall')).toMatch(/WriteRegStr SHCTX "Software\\RegisteredApplications" "HotlineWorkstation" "Software\\hotline-workstation\\Capabilities"/);
    // Never the tel key itself: that would take tel: away from whatever the PC uses now.
    expect(install.filter((w) => /\\Classes\\tel(\\|$)/i.test(w.key))).toEqual([]);
  });

  it('removes on uninstall every key the install wrote', () => {
    const uninstall = macro('customUnInstall');
    const deletedKeys = [...uninstall.matchAll(/DeleteRegKey (?:\/ifempty )?SHCTX "([^"]+)"/g)].map((m) => m[1]!);
    const deletedValues = [...uninstall.matchAll(/DeleteRegValue SHCTX "([^"]+)" "([^"]+)"/g)].map((m) => `${m[1]!}|${m[2]!}`);
    const leftBehind = written(macro('customInstall')).filter(
      (w) => !deletedKeys.some((k) => w.key === k || w.key.startsWith(`${k}\\`)) && !deletedValues.includes(`${w.key}|${w.value}`),
    );
    expect(leftBehind).toEqual([]);
  });

  it.skipIf(!hasMakensis)('compiles with makensis, warnings as errors (needs makensis on PATH)', () => {
    const script = path.join(tmp, 'wrapper.nsi');
    // What electron-builder's installer defines before it includes the file.
    fs.writeFileSync(script, [
      'Unicode true',
      '!define PRODUCT_NAME "热线工作台"',
      `!define APP_EXECUTABLE_FILENAME "${EXECUTABLE}.exe"`,
      `OutFile "${path.join(tmp, 'nsh-check.exe')}"`,
      'RequestExecutionLevel admin',
      `!include "${NSH}"`,
      'Section',
      '  SetShellVarContext all',
      '  !insertmacro customInstall',
      '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
      'SectionEnd',
      'Section "Uninstall"',
      '  SetShellVarContext all',
      '  !insertmacro customUnInstall',
      'SectionEnd',
      '',
    ].join('\n'));
    const run = spawnSync('makensis', ['-INPUTCHARSET', 'UTF8', '-WX', '-V2', script], { encoding: 'utf8' });
    expect(run.stderr + run.stdout).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    expect(fs.statSync(path.join(tmp, 'nsh-check.exe')).size).toBeGreaterThan(0);
  });
});
