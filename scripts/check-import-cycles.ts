/**
 * Fails on any import cycle between our modules, type-only imports included (ESLint's
 * `import-x/no-cycle` skips `import type`, and a type cycle still ties two modules' designs
 * together). Reads the import graph with the TypeScript compiler, resolving `@/` like tsconfig.
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json')!;
const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
const ours = (file: string) => /^(lib|components|entrypoints)\//.test(path.relative(root, file).split(path.sep).join('/'));
const files = parsed.fileNames.filter(ours);

const graph = new Map<string, string[]>();
for (const file of files) {
  const source = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.Latest, false);
  const targets: string[] = [];
  source.forEachChild((node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)
        ? node.moduleSpecifier.text
        : null;
    if (!specifier) return;
    const resolved = ts.resolveModuleName(specifier, file, parsed.options, ts.sys).resolvedModule?.resolvedFileName;
    if (resolved && ours(resolved)) targets.push(path.resolve(resolved));
  });
  graph.set(path.resolve(file), targets);
}

// Tarjan's strongly connected components: every component with more than one module is a cycle.
let index = 0;
const indices = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function connect(node: string): void {
  indices.set(node, index);
  low.set(node, index);
  index += 1;
  stack.push(node);
  onStack.add(node);
  for (const next of graph.get(node) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node)!, low.get(next)!));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node)!, indices.get(next)!));
    }
  }
  if (low.get(node) === indices.get(node)) {
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component);
  }
}
for (const node of graph.keys()) if (!indices.has(node)) connect(node);

if (cycles.length > 0) {
  for (const cycle of cycles) {
    console.error(`Import cycle (type-only imports count):\n  ${cycle.map((f) => path.relative(root, f)).sort().join('\n  ')}`);
  }
  process.exit(1);
}
console.log(`No import cycles among ${graph.size} modules.`);
