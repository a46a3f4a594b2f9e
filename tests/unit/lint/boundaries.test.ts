import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import-direction rules in eslint.config.js, exercised through ESLint's
 * Node API on in-memory samples placed (by filePath) inside each folder. If
 * someone loosens or breaks a rule, the "reports" cases fail; the "allows"
 * cases keep the rules from being so broad that everyone disables them.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error('ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(`sample did not parse: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const forbidden: [folder: string, filePath: string, code: string][] = [
  ['shared', 'shared/probe.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['shared', 'shared/probe.ts', "import fs from 'node:fs';\nexport const a = fs;"],
  ['shared', 'shared/probe.ts', "import fs from 'fs';\nexport const a = fs;"],
  ['shared', 'shared/probe.ts', "import { createHash } from 'crypto';\nexport const a = createHash;"],
  ['shared', 'shared/probe.ts', "import type { Core } from '../electron/core/api.js';\nexport type A = Core;"],
  ['shared', 'shared/tickets/probe.ts', "import { ensureApi } from '../../renderer/transport/index.js';\nexport const a = ensureApi;"],
  ['shared', 'shared/tickets/deep/probe.ts', "import x from '../../../server/index.js';\nexport const a = x;"],
  ['shared', 'shared/probe.ts', "import { useState } from 'react';\nexport const a = useState;"],
  ['shared', 'shared/probe.ts', "import { WebSocket } from 'ws';\nexport const a = WebSocket;"],
  ['renderer', 'renderer/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;"],
  ['renderer', 'renderer/probe.ts', "import { openCore } from '../electron/core/index.js';\nexport const a = openCore;"],
  ['renderer', 'renderer/app/Probe.tsx', "import { x } from '../../server/index.js';\nexport const a = x;"],
  ['renderer', 'renderer/app/deep/Probe.tsx', "import type { Core } from '../../../electron/core/api.js';\nexport type A = Core;"],
  ['electron/core', 'electron/core/probe.ts', "import { app } from 'electron';\nexport const a = app;"],
  ['electron/core', 'electron/core/probe.ts', "import { shell } from 'electron/main';\nexport const a = shell;"],
  ['electron/core', 'electron/core/probe.ts', "import Store from 'electron-store';\nexport const a = Store;"],
  ['electron/core', 'electron/core/preview/probe.ts', "import { registerIpc } from '../../main/ipc.js';\nexport const a = registerIpc;"],
  ['electron/core', 'electron/core/probe.ts', "import { ensureApi } from '../../renderer/transport/index.js';\nexport const a = ensureApi;"],
  ['electron/main', 'electron/main/probe.ts', "import { ensureApi } from '../../renderer/transport/index.js';\nexport const a = ensureApi;"],
  ['server', 'server/probe.ts', "import { openCore } from '../electron/core/index.js';\nexport const a = openCore;"],
  ['server', 'server/http/probe.ts', "import { x } from '../../renderer/app/App.js';\nexport const a = x;"],
  ['server', 'server/probe.ts', "import { app } from 'electron';\nexport const a = app;"],
];

const allowed: [folder: string, filePath: string, code: string][] = [
  ['shared', 'shared/probe.ts', "import { z } from 'zod';\nexport const a = z;"],
  ['shared', 'shared/tickets/probe.ts', "import { CustomerSchema } from '../customers/schema.js';\nexport const a = CustomerSchema;"],
  ['renderer', 'renderer/app/Probe.tsx', "import { contract } from '../../shared/contract.js';\nexport const a = contract;"],
  ['electron/core', 'electron/core/preview/probe.ts', "import { WebSocketServer } from 'ws';\nimport fs from 'node:fs';\nexport const a = [WebSocketServer, fs];"],
  ['electron/main', 'electron/main/probe.ts', "import { app } from 'electron';\nimport { CoreWorkerClient } from '../core/workerClient.js';\nexport const a = [app, CoreWorkerClient];"],
  ['electron/preload', 'electron/preload/probe.ts', "import { contextBridge } from 'electron';\nimport { isChannel } from '../../shared/contract.js';\nexport const a = [contextBridge, isChannel];"],
  ['server', 'server/probe.ts', "import { contract } from '../shared/contract.js';\nexport const a = contract;"],
];

describe('import boundaries (eslint no-restricted-imports)', () => {
  it.each(forbidden)('reports a forbidden import in %s (%s)', async (_folder, filePath, code) => {
    expect(await restrictedImports(filePath, code)).not.toHaveLength(0);
  });

  it.each(allowed)('allows a permitted import in %s (%s)', async (_folder, filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });

  it('keeps shared/ free of platform globals', async () => {
    const [result] = await eslint.lintText('export const here = window.location.href;\n', { filePath: 'shared/probe.ts' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
  });
});
