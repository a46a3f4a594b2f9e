/**
 * The agent console's work texts (issue 5), merged into the zh-CN
 * catalogue under `work`. Kept in their own file so the parts of the
 * console can be written side by side; the same rules hold: every key here
 * must exist in work.en.ts (the Catalogue type enforces it).
 */
export const workZhCN = {};
