import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeIco, encodeIco, pngSize } from '../../../scripts/icons/ico.js';

const ICONS = path.resolve(import.meta.dirname, '../../../resources/icons');
const png = (size: number) => fs.readFileSync(path.join(ICONS, 'png', `${size}x${size}.png`));

describe('PNG-in-ICO encoder', () => {
  it('writes the directory Windows reads: type 1, one entry per image, 256 px stored as 0', () => {
    const ico = encodeIco([{ png: png(16) }, { png: png(256) }]);
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    expect(ico.readUInt16LE(4)).toBe(2);
    expect([ico.readUInt8(6), ico.readUInt8(7)]).toEqual([16, 16]);
    expect([ico.readUInt8(22), ico.readUInt8(23)]).toEqual([0, 0]);
    // The first image starts right after the header and both entries.
    expect(ico.readUInt32LE(6 + 12)).toBe(6 + 2 * 16);
    expect(ico.length).toBe(6 + 2 * 16 + png(16).length + png(256).length);
  });

  it('round-trips: every entry points at its PNG, byte for byte', () => {
    const images = [16, 32, 256].map((size) => ({ png: png(size) }));
    const entries = decodeIco(encodeIco(images));
    expect(entries.map((e) => [e.width, e.height, e.bitsPerPixel])).toEqual([[16, 16, 32], [32, 32, 32], [256, 256, 32]]);
    entries.forEach((e, i) => expect(e.png.equals(images[i]!.png)).toBe(true));
  });

  it('refuses what Windows cannot show: no images, a non-PNG, an image over 256 px', () => {
    expect(() => encodeIco([])).toThrow(/at least one/);
    expect(() => encodeIco([{ png: Buffer.from('GIF89a not a png at all....') }])).toThrow(/not a PNG/);
    expect(() => encodeIco([{ png: png(512) }])).toThrow(/at most 256x256/);
  });
});

describe('the committed app icons', () => {
  it('has a square PNG at every size the Linux targets use', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) expect(pngSize(png(size))).toEqual({ width: size, height: size });
  });

  it('has icon.ico with 16-256 px, each the committed PNG of that size (regenerate both together)', () => {
    const entries = decodeIco(fs.readFileSync(path.join(ICONS, 'icon.ico')));
    expect(entries.map((e) => e.width)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const e of entries) expect(e.png.equals(png(e.width)), `${e.width} px`).toBe(true);
  });
});
