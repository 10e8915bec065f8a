/**
 * The docs cannot drift from the tree: every repository path README.md and SECURITY.md name must
 * exist, and the README's architecture section must name every lib/ folder and module and every
 * entrypoint, so a newcomer reading it sees the whole tree.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, root), 'utf8');

/** `lib/vault`, `tests/e2e/fixtures.ts`, …: a top folder of this repository, not a system path like /usr/lib/…. */
const REPO_PATH = /(?<![\w/.-])((?:lib|components|entrypoints|tests|scripts|public|docs)\/[A-Za-z0-9_./-]*[A-Za-z0-9_-])/g;

function pathsIn(text: string): string[] {
  // `lib/worker/<feature>.ts` names a pattern: the match stops before `<`, so its folder must exist.
  return [...new Set([...text.matchAll(REPO_PATH)].map((match) => match[1]!.replace(/\/$/, '')))];
}

function architectureSection(readme: string): string {
  const start = readme.indexOf('\n## Architecture');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end);
}

describe('the docs', () => {
  it.each(['README.md', 'SECURITY.md'])('%s names only paths that exist', (doc) => {
    const paths = pathsIn(read(doc));
    expect(paths.length).toBeGreaterThan(0);
    const missing = paths.filter((path) => !existsSync(new URL(path, root)));
    expect(missing).toEqual([]);
  });

  it("README's architecture section names every lib/ folder and module and every entrypoint", () => {
    const section = architectureSection(read('README.md'));
    const libEntries = readdirSync(new URL('lib/', root)).map((name) => `lib/${name}`);
    const entrypoints = readdirSync(new URL('entrypoints/', root)).map((name) => `entrypoints/${name}`);
    const workerFeatures = readdirSync(new URL('lib/worker/', root))
      .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
      .map((name) => `lib/worker/${name}`);
    const named = (path: string) => {
      const base = path.split('/').pop()!.replace(/\.ts$/, '');
      // A sibling listed after its folder (`entrypoints/popup, options`, `lib/worker … fill, snapshot`) counts.
      return section.includes(path) || new RegExp(`(^|[\\s,(/{])${base}([\\s,.)}:;]|\\.ts|$)`, 'm').test(section);
    };
    expect([...libEntries, ...entrypoints, ...workerFeatures].filter((path) => !named(path))).toEqual([]);
  });
});
