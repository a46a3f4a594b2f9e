// @ts-check
/*
 * afterPack hook the package test adds on the command line: the `dir`
 * target writes no desktop entry, so this asks electron-builder's own Linux
 * helper for the one the deb would install (same options the deb target
 * merges: linux, then deb) and for the icon set it would ship, and writes
 * both next to the packed app for the test to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { LinuxTargetHelper } from 'app-builder-lib/out/targets/LinuxTargetHelper.js';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function writeLinuxDesktopEntry(context) {
  const packager = /** @type {import('app-builder-lib').LinuxPackager} */ (context.packager);
  const helper = new LinuxTargetHelper(packager);
  const options = { ...packager.platformSpecificBuildOptions, ...packager.config.deb };
  const report = {
    fileName: helper.getDesktopFileName(),
    entry: await helper.computeDesktopEntry(options),
    iconSizes: (await helper.icons).map((icon) => icon.size),
  };
  fs.writeFileSync(path.join(context.outDir, 'linux-desktop-entry.json'), JSON.stringify(report, null, 2));
}
