import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

test.describe('production build', () => {
  // The popup must open fast; the Public Suffix List (tldts, ~135 KiB) belongs to the worker
  // and to the pages that edit site bindings, loaded on demand there.
  test('the popup loads no Public Suffix List up front', async ({ extension }) => {
    const html = await readFile(path.join(extension.extensionDir, 'popup.html'), 'utf8');
    const upFront = [...html.matchAll(/(?:src|href)="\/(chunks\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(upFront.length).toBeGreaterThan(0);
    for (const file of upFront) {
      const code = await readFile(path.join(extension.extensionDir, file), 'utf8');
      // Public suffixes no hand-written code would name.
      expect(code, file).not.toContain('blogspot');
      expect(code, file).not.toContain('amazonaws');
    }
  });
});
