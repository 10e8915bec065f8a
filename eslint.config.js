// @ts-check
/**
 * The layering rules, enforced (issue 17). ESLint checks each import against the folder it is in;
 * `scripts/check-import-cycles.ts` adds cycles with type-only imports counted, and knip reports
 * exports nothing uses (`npm run lint` runs all three).
 */
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Past a folder's index.ts: `@/lib/vault/lock` or `../vault/lock` from another folder. */
const DEEP_IMPORTS = {
  group: ['@/lib/*/*', '../*/*', '../../lib/*/*'],
  message: "Import another folder through its index.ts (e.g. '@/lib/vault'), never a file inside it.",
};
const UI_AND_ENTRIES = {
  group: ['@/components', '@/components/*', '@/entrypoints/*', '**/components/*', '**/entrypoints/*'],
  message: 'lib/ never imports components/ or entrypoints/: they depend on lib, not the other way round.',
};
const BROWSER_MODULE = {
  group: ['wxt/browser', 'webextension-polyfill'],
  message: 'Only lib/platform (and entrypoints) call the browser: add a thin adapter there.',
};
const PLATFORM = {
  group: ['@/lib/platform', '@/lib/platform/*'],
  message: 'Components call state actions; the entry binds lib/platform into the state.',
};
const BROWSER_GLOBALS = ['browser', 'chrome'].map((name) => ({
  name,
  message: 'Only lib/platform (and entrypoints) call the browser: add a thin adapter there.',
}));
/**
 * Key material is imported or derived only in lib/crypto. Written-down exception: the OTP core
 * (lib/otp/hmac.ts imports the HMAC key of a code; lib/otp/two-step.ts derives privacyIDEA's 2step
 * secret), which must stay a zero-dependency library with its own public contract.
 */
const KEY_CALLS = {
  selector: 'MemberExpression[property.name=/^(importKey|deriveKey|deriveBits|generateKey|unwrapKey|wrapKey|exportKey)$/]',
  message: 'Only lib/crypto imports or derives keys (the OTP core is the one written-down exception).',
};

export default tseslint.config(
  // The no-control-regex directives in lib/qr and lib/vault document intent; that rule is not on here.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { 'import-x': importX },
    rules: {
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
    },
  },
  // lib/: no UI or entries, no browser, no deep imports, no key handling.
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [UI_AND_ENTRIES, BROWSER_MODULE, DEEP_IMPORTS] }],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
      'no-restricted-syntax': ['error', KEY_CALLS],
    },
  },
  {
    files: ['lib/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [UI_AND_ENTRIES, DEEP_IMPORTS] }],
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['lib/crypto/**/*.ts', 'lib/otp/hmac.ts', 'lib/otp/two-step.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  // components/: state actions only, no browser, no deep imports, no key handling.
  {
    files: ['components/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [BROWSER_MODULE, PLATFORM, DEEP_IMPORTS] }],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
      'no-restricted-syntax': ['error', KEY_CALLS],
    },
  },
  // entrypoints/: composition roots; they may call the browser, but still enter lib folders by their index.
  {
    files: ['entrypoints/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [DEEP_IMPORTS] }],
      'no-restricted-syntax': ['error', KEY_CALLS],
    },
  },
);
