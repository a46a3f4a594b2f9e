/**
 * Renders resources/icons/icon.svg (and icon-small.svg for 16-32 px) to the
 * PNG sizes the installers need and writes icon.ico for Windows:
 *
 *   npx tsx scripts/icons/generate.ts [path/to/chromium]
 *
 * The outputs are committed; run this only after changing an SVG. Chromium
 * draws the SVG (anti-aliased, exact sizes) so no image library is needed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { encodeIco } from './ico.js';

const ICONS = path.resolve(import.meta.dirname, '../../resources/icons');
/** Linux icon themes and AppImage (NxN.png); 1024 for store listings and docs. */
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/** Windows picks from these for the taskbar, shortcuts, Explorer views and the installer. */
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** At or below this size the simplified drawing is used. */
const SMALL_MAX = 32;

async function main(): Promise<void> {
  const executablePath = process.argv[2] ?? process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const large = fs.readFileSync(path.join(ICONS, 'icon.svg'), 'utf8');
    const small = fs.readFileSync(path.join(ICONS, 'icon-small.svg'), 'utf8');
    const pngs = new Map<number, Buffer>();
    fs.mkdirSync(path.join(ICONS, 'png'), { recursive: true });
    for (const size of PNG_SIZES) {
      const svg = (size <= SMALL_MAX ? small : large).replace('<svg ', `<svg width="${size}" height="${size}" `);
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      fs.writeFileSync(path.join(ICONS, 'png', `${size}x${size}.png`), png);
      pngs.set(size, png);
    }
    const ico = encodeIco(ICO_SIZES.map((size) => {
      const png = pngs.get(size);
      if (!png) throw new Error(`no ${size} px rendering for the .ico`);
      return { png };
    }));
    fs.writeFileSync(path.join(ICONS, 'icon.ico'), ico);
    console.log(`wrote ${PNG_SIZES.length} PNGs and icon.ico (${ICO_SIZES.join(', ')} px) to ${ICONS}`);
  } finally {
    await browser.close();
  }
}

await main();
