import { parentPort, workerData } from 'node:worker_threads';
import { openCore } from './index.js';
import { warmSegmenter } from './kb/segment.js';
import { serveCore } from './workerHost.js';

/**
 * Worker-thread entry for the core (bundled to out/main/worker.js; under
 * tsx/vitest started through workerBootstrap.mjs). All sql.js work, including
 * ~150 ms checkpoints, happens on this thread, never on the host's.
 */
if (!parentPort) throw new Error('electron/core/worker.ts must run in a worker thread');
void serveCore(parentPort, workerData, openCore);
// The app's core lives for the session: build the Chinese segmenter's dictionary (~0.7 s) once
// the window's first requests are served, rather than in the agent's first search (a one-shot CLI
// builds it on first use). A search before then builds it itself.
setTimeout(() => warmSegmenter(), 3_000).unref();
