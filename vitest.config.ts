import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // The English catalogue as the message source (the extension binds the browser's).
    setupFiles: ['tests/unit/setup-i18n.ts'],
    // Crypto and vault tests need Node's WebCrypto; DOM tests opt in per file
    // with `// @vitest-environment happy-dom`.
    environment: 'node',
  },
});
