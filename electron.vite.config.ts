import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      // Dependencies (electron-store, sql.js with its .wasm, zod, ws) stay in
      // node_modules and are loaded at run time.
      externalizeDeps: true,
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        // Two entries: the shell and the core's worker thread. CoreWorkerClient
        // (inlined into index.js) finds worker.js next to itself, so shared
        // chunks must land in the same folder, not in chunks/.
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          worker: resolve(root, 'electron/core/worker.ts'),
        },
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can only require 'electron' and a few built-ins:
      // everything else (the contract, zod) is bundled into one CommonJS file.
      externalizeDeps: false,
      outDir: resolve(root, 'out/preload'),
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
