/**
 * A Windows .ico holding PNG images (Vista and later read PNG entries; a
 * 256 px BMP entry would be 256 KiB of raw pixels). Layout: ICONDIR (6
 * bytes), one ICONDIRENTRY (16 bytes) per image, then the PNG files as is.
 * All integers little-endian.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const HEADER = 6;
const ENTRY = 16;

export interface IcoImage {
  /** a PNG file (8-bit RGBA, as Chromium screenshots are) */
  png: Buffer;
}

/** Width and height from the PNG's IHDR chunk, which always comes first. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export function encodeIco(images: IcoImage[]): Buffer {
  if (images.length === 0) throw new Error('an icon needs at least one image');
  const header = Buffer.alloc(HEADER);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon (2 would be a cursor)
  header.writeUInt16LE(images.length, 4);
  const entries: Buffer[] = [];
  let offset = HEADER + ENTRY * images.length;
  for (const { png } of images) {
    const { width, height } = pngSize(png);
    if (width > 256 || height > 256) throw new Error(`an icon image is at most 256x256 (got ${width}x${height})`);
    const entry = Buffer.alloc(ENTRY);
    // A width or height of 256 does not fit the byte: the format writes 0.
    entry.writeUInt8(width % 256, 0);
    entry.writeUInt8(height % 256, 1);
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    entries.push(entry);
    offset += png.length;
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

export interface IcoEntry {
  width: number;
  height: number;
  bitsPerPixel: number;
  png: Buffer;
}

/** Reads an .ico written by encodeIco back (PNG entries only). */
export function decodeIco(ico: Buffer): IcoEntry[] {
  if (ico.length < HEADER || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an icon file');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = HEADER + ENTRY * i;
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    if (offset + size > ico.length) throw new Error(`icon entry ${i} runs past the end of the file`);
    return {
      width: ico.readUInt8(at) || 256,
      height: ico.readUInt8(at + 1) || 256,
      bitsPerPixel: ico.readUInt16LE(at + 6),
      png: ico.subarray(offset, offset + size),
    };
  });
}
