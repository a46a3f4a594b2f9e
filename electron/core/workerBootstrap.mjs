// Source mode only (tsx, vitest, Playwright): Node 20 ignores `--import tsx`
// in a Worker's execArgv for the entry module, so the worker starts here,
// registers tsx's ESM hooks, and then imports the TypeScript entry named in
// workerData.entry. Bundled builds start out/main/worker.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
