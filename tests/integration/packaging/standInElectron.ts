import fs from 'node:fs';
import path from 'node:path';

/**
 * The fuse wire as Electron binaries carry it and @electron/fuses finds it:
 * this sentinel, then the wire version (1), the number of fuses, and one
 * byte per fuse ('0' off, '1' on) in FuseV1Options order.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron 45's shipped defaults, in FuseV1Options order: RunAsNode on,
 * CookieEncryption off, NodeOptions on, NodeCliInspect on, asar integrity
 * off, OnlyLoadAppFromAsar off, browser-specific V8 snapshot off,
 * file:// extra privileges on. Each fuse we configure starts on the other
 * side, so a packaging run that did not flip it fails the test.
 */
export const ELECTRON_45_DEFAULT_FUSES = '10110001';

/** Chromium locale packs, so the test sees electronLanguages drop the rest. */
export const STAND_IN_LOCALES = ['en-US', 'zh-CN', 'de', 'ja'];

/**
 * A linux-x64 Electron distribution with nothing real in it, for
 * electron-builder's `electronDist` (so packing needs no download): an
 * `electron` executable holding a genuine fuse wire, and the locale packs.
 * No resources/default_app.asar: electron-builder removes it only from
 * Electron zips it downloads itself, and would pack a stand-in one.
 */
export function makeStandInElectron(dir: string): string {
  fs.mkdirSync(path.join(dir, 'locales'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([
    Buffer.from('\x7fELF stand-in for the Electron binary\n'),
    Buffer.from(FUSE_SENTINEL, 'ascii'),
    Buffer.from([1, ELECTRON_45_DEFAULT_FUSES.length]),
    Buffer.from(ELECTRON_45_DEFAULT_FUSES, 'ascii'),
    Buffer.from('\nrest of the binary\n'),
  ]);
  fs.writeFileSync(path.join(dir, 'electron'), wire, { mode: 0o755 });
  for (const locale of STAND_IN_LOCALES) fs.writeFileSync(path.join(dir, 'locales', `${locale}.pak`), locale);
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'stand-in');
  return dir;
}
