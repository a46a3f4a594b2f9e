/**
 * The agent console's desk texts (issue 5), merged into the zh-CN
 * catalogue under `desk`. Kept in their own file so the parts of the
 * console can be written side by side; the same rules hold: every key here
 * must exist in desk.en.ts (the Catalogue type enforces it).
 */
export const deskZhCN = {};
