import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // Crypto and vault tests need Node's WebCrypto; DOM tests opt in per file
    // with `// @vitest-environment happy-dom`.
    environment: 'node',
  },
});
