import zlib from 'node:zlib';

/**
 * The tray icon: a round badge in the agent's state colour with a white
 * ring inside, drawn here rather than shipped as a file per
 * state and size, so a new state colour needs no artwork. Returned as PNG,
 * which Electron's nativeImage reads on every platform.
 */

function parseColour(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)];
}

/** RGBA pixels, row by row, top to bottom. */
export function stateBadgePixels(colour: string, size: number): Uint8Array {
  const [r, g, b] = parseColour(colour);
  const px = new Uint8Array(size * size * 4);
  const c = size / 2;
  const outer = size / 2 - 0.5;
  const ring = outer * 0.42;
  const ringWidth = Math.max(1, size / 10);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c);
      // coverage of the disc, antialiased over one pixel
      const disc = Math.min(1, Math.max(0, outer - d + 0.5));
      // a white ring inside: readable on dark and light task bars alike
      const ringCover = Math.min(1, Math.max(0, ringWidth / 2 - Math.abs(d - ring) + 0.5));
      const i = (y * size + x) * 4;
      px[i] = Math.round(r + (255 - r) * ringCover);
      px[i + 1] = Math.round(g + (255 - g) * ringCover);
      px[i + 2] = Math.round(b + (255 - b) * ringCover);
      px[i + 3] = Math.round(255 * disc);
    }
  }
  return px;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (8-bit RGBA, no interlace) of square RGBA pixels. */
export function encodePng(pixels: Uint8Array, size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(pixels.buffer, pixels.byteOffset + y * size * 4, size * 4).copy(rows, y * (size * 4 + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** The badge at 1x and 2x (16 and 32 px): the shell adds both representations. */
export function stateBadgePngs(colour: string): { scale: number; png: Buffer }[] {
  return [1, 2].map((scale) => ({ scale, png: encodePng(stateBadgePixels(colour, 16 * scale), 16 * scale) }));
}
