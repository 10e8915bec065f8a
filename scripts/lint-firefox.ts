/**
 * `npm run lint:firefox`: runs Mozilla's add-on linter (`web-ext lint`, what addons.mozilla.org
 * runs on upload) on the Firefox build and fails on any error and on any warning not explained
 * below. Run `npm run build:firefox` first.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../', import.meta.url));
const buildDir = path.join(repoRoot, '.output/firefox-mv3');

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}

interface ExplainedWarning {
  code: string;
  file: RegExp;
  /** Checked on every run, so the explanation cannot go stale silently. */
  stillTrue: () => string | null;
}

const EXPLAINED: ExplainedWarning[] = [
  {
    // Preact's renderer assigns `innerHTML` for the `dangerouslySetInnerHTML` prop, and the
    // linter flags that line in whichever chunk bundles Preact. Tessera never passes that prop
    // (checked here over every source file), so nothing reaches `innerHTML` through it.
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/[\w-]+\.js$/,
    stillTrue: () => {
      const users = sourceFiles().filter((file) => readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'));
      return users.length === 0 ? null : `dangerouslySetInnerHTML is used in ${users.map((f) => path.relative(repoRoot, f)).join(', ')}`;
    },
  },
];

function sourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name)) files.push(full);
    }
  };
  for (const dir of ['lib', 'components', 'entrypoints']) walk(path.join(repoRoot, dir));
  return files;
}

function runLinter(): { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] } {
  const bin = path.join(repoRoot, 'node_modules/.bin/web-ext');
  let stdout: string;
  try {
    stdout = execFileSync(bin, ['lint', '--source-dir', buildDir, '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } catch (error) {
    // web-ext exits non-zero when there are errors; the report is still on stdout.
    stdout = (error as { stdout?: string }).stdout ?? '';
  }
  return JSON.parse(stdout);
}

const report = runLinter();
const problems: string[] = [];
for (const error of report.errors) problems.push(`error ${error.code} ${error.file ?? ''}: ${error.message}`);
let explained = 0;
for (const warning of report.warnings) {
  const reason = EXPLAINED.find((entry) => entry.code === warning.code && entry.file.test(warning.file ?? ''));
  const stale = reason?.stillTrue();
  if (!reason) problems.push(`unexplained warning ${warning.code} ${warning.file ?? ''}: ${warning.message}`);
  else if (stale) problems.push(`warning ${warning.code} is no longer explained: ${stale}`);
  else explained += 1;
}
for (const notice of report.notices) console.log(`notice ${notice.code} ${notice.file ?? ''}: ${notice.message}`);
console.log(
  `web-ext lint (${path.relative(repoRoot, buildDir)}): ${report.errors.length} errors, ${report.warnings.length} warnings ` +
    `(${explained} explained in scripts/lint-firefox.ts), ${report.notices.length} notices`,
);
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
