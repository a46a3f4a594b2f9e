// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Import directions (architecture.md "The rooms"), enforced so they cannot rot:
 *   shared/        imports only zod and shared/ (no electron, no Node, no DOM code)
 *   renderer/      never electron/*, server/* or 'electron'
 *   electron/core  never 'electron', electron/main, electron/preload, renderer/, server/
 *   electron/*     never renderer/ or server/
 *   server/        never electron/* or renderer/*
 * Relative paths are matched by how many `../` it takes to leave the folder,
 * so each depth gets its own block. ESLint does not merge one rule's options
 * across blocks: every block below carries the complete list for its files.
 * tests/unit/lint/boundaries.test.ts proves each rule still reports.
 */
const SRC = '{ts,tsx,js,mjs,cjs,mts,cts}';
const MAX_DEPTH = 6;
const up = (n) => `(\\.\\./){${n}}`;
const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const electronPackage = [
  { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." },
];
const electronSubpaths = { regex: '^electron/', message: "Only electron/main and electron/preload may import 'electron'." };

/** One config block per depth below `base` (base/*.ts, base/x/*.ts, …). */
function perDepth(base, build) {
  return Array.from({ length: MAX_DEPTH + 1 }, (_, depth) => ({
    files: [`${base}/${'*/'.repeat(depth)}*.${SRC}`],
    rules: { 'no-restricted-imports': ['error', build(depth)] },
  }));
}

const boundaries = [
  ...perDepth('shared', (d) => ({
    paths: electronPackage,
    patterns: [
      electronSubpaths,
      { regex: '^node:', message: 'shared/ is platform-free: no Node built-ins.' },
      { group: nodeBuiltins, message: 'shared/ is platform-free: no Node built-ins.' },
      { regex: `^${up(d + 1)}`, message: 'shared/ imports nothing outside shared/.' },
      { regex: '^(?![.]|zod(/|$))', message: 'shared/ may import only zod and other shared/ modules.' },
    ],
  })),
  ...perDepth('renderer', (d) => ({
    paths: electronPackage,
    patterns: [
      electronSubpaths,
      { regex: `^${up(d + 1)}(electron|server)(/|$)`, message: 'renderer/ talks to data only through window.api; it imports shared/ only.' },
      { regex: '^node:', message: 'renderer/ runs in the sandboxed page: no Node built-ins.' },
    ],
  })),
  ...perDepth('electron/core', (d) => ({
    paths: [...electronPackage, { name: 'electron-store', message: 'electron-store needs Electron; the core gets its settings as options.' }],
    patterns: [
      electronSubpaths,
      { regex: `^${up(d + 1)}(main|preload)(/|$)`, message: 'electron/core is Electron-free: it never imports the shell.' },
      { regex: `^${up(d + 2)}(renderer|server)(/|$)`, message: 'electron/core imports shared/ only (and its own files).' },
    ],
  })),
  ...['electron/main', 'electron/preload'].flatMap((base) =>
    perDepth(base, (d) => ({
      patterns: [{ regex: `^${up(d + 2)}(renderer|server)(/|$)`, message: 'electron/* never imports renderer/ or server/.' }],
    })),
  ),
  ...perDepth('server', (d) => ({
    paths: electronPackage,
    patterns: [electronSubpaths, { regex: `^${up(d + 1)}(electron|renderer)(/|$)`, message: 'server/ never imports electron/* or renderer/*.' }],
  })),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: [`renderer/**/*.${SRC}`],
    ...reactHooks.configs.flat.recommended,
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // shared/ runs everywhere: neither Node's nor the browser's globals exist for it.
    files: [`shared/**/*.${SRC}`],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'fetch', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map(
          (name) => ({ name, message: 'shared/ is platform-free: pass what you need in as a parameter.' }),
        ),
      ],
    },
  },
  {
    // In tests `!` after a lookup is an assertion the test itself makes; a wrong one fails loudly.
    files: [`tests/**/*.${SRC}`],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  ...boundaries,
);
