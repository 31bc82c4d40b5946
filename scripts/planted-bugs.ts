/**
 * The planted-bug check of the mutation-testing issue: every bug of mutation/planted-bugs.json (a
 * single textual edit of one source file: a wrong formula, a wrong branch, a loosened tolerance)
 * is applied to a private copy of the project, and `npm test` in the `ci` profile (CI=true, fixed
 * seed) must fail on it. A bug the suite does not catch is a missing test.
 *
 *   npx tsx scripts/planted-bugs.ts                 # every bug, one after the other
 *   npx tsx scripts/planted-bugs.ts --only a,b      # the bugs with these ids
 *   npx tsx scripts/planted-bugs.ts --keep          # keep the copies (under the system temp dir)
 *
 * Each copy holds the project without node_modules (a symlink), .git, dist and generated output.
 * The edit must occur exactly once in its file and the edited copy must still type-check (a bug
 * the compiler rejects says nothing about the tests). `npm test` runs with `--bail=1`: the first
 * failing test decides, and it is named in the result. Results go to reports/planted-bugs.json;
 * the exit code is 0 iff every bug was caught.
 *
 * A control run comes first: `npm test` on an unedited copy. If the clean tree fails, a bug run
 * would fail for that reason alone, so the failing test files of the control run are excluded
 * from every bug run (and listed in the results: the check is then weaker than it should be, and
 * says so). If the clean tree does not build, nothing is tried.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

interface PlantedBug {
  readonly id: string;
  readonly area: string;
  readonly file: string;
  readonly find: string;
  readonly replace: string;
  readonly what: string;
}

type BugStatus = 'caught' | 'missed' | 'not-applicable' | 'does-not-compile';

interface ControlResult {
  /** Whether the unedited copy builds. */
  readonly builds: boolean;
  /** Test files that fail on the unedited copy (excluded from the bug runs). */
  readonly failingFiles: string[];
  readonly seconds: number;
}

interface BugResult {
  readonly id: string;
  readonly area: string;
  readonly status: BugStatus;
  /** The first failing test (caught), or why the bug could not be tried. */
  readonly detail: string;
  readonly seconds: number;
}

/** Top-level entries not copied: dependencies (linked instead), history, build and generated output. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'reports', 'scratch', '.stryker-tmp', '.scratch-build']);

/** The longest a single `npm test` may take before the bug counts as missed (the suite takes ~4 min). */
const TEST_TIMEOUT_MS = 20 * 60_000;

function readBugs(root: string): PlantedBug[] {
  const data = JSON.parse(readFileSync(join(root, 'mutation', 'planted-bugs.json'), 'utf8')) as { bugs: PlantedBug[] };
  const ids = new Set<string>();
  for (const b of data.bugs) {
    if (ids.has(b.id)) throw new RangeError(`planted bug ids must be unique (got ${JSON.stringify(b.id)} twice)`);
    ids.add(b.id);
  }
  return data.bugs;
}

function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) n++;
  return n;
}

/** The lines of vitest's output that name a failing test file or test (colours off). */
function failures(output: string): string[] {
  return output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(FAIL|×|✗)\s/.test(l));
}

function copyProject(root: string, dest: string): void {
  cpSync(root, dest, {
    recursive: true,
    filter: (src) => {
      const rel = src.slice(root.length + 1);
      return rel === '' || !NOT_COPIED.has(rel.split('/')[0]);
    },
  });
  symlinkSync(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
}

function testEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', SHORTCUT_PROFILE: 'ci', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.SHORTCUT_SEED;
  return env;
}

/** `npm test` on an unedited copy: does it build, and which test files fail (vitest's JSON report). */
function control(root: string, keep: boolean): ControlResult {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'planted-control-'));
  try {
    copyProject(root, dir);
    const env = testEnv();
    const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noEmit'], { cwd: dir, env, encoding: 'utf8' });
    const seconds = (): number => Math.round((Date.now() - started) / 1000);
    if (tsc.status !== 0) return { builds: false, failingFiles: [], seconds: seconds() };
    const report = join(dir, 'vitest-report.json');
    spawnSync('npm', ['test', '--', '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: TEST_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    const results = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; status: string }[] };
    const failingFiles = results.testResults.filter((r) => r.status !== 'passed').map((r) => r.name.slice(dir.length + 1));
    return { builds: true, failingFiles, seconds: seconds() };
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

function tryBug(root: string, bug: PlantedBug, exclude: readonly string[], keep: boolean): BugResult {
  const started = Date.now();
  const done = (status: BugStatus, detail: string): BugResult => ({
    id: bug.id,
    area: bug.area,
    status,
    detail,
    seconds: Math.round((Date.now() - started) / 1000),
  });
  const dir = mkdtempSync(join(tmpdir(), `planted-${bug.id}-`));
  try {
    copyProject(root, dir);
    const path = join(dir, bug.file);
    const text = readFileSync(path, 'utf8');
    const n = occurrences(text, bug.find);
    if (n !== 1) return done('not-applicable', `${bug.file}: the edit's text occurs ${n} times (must be once)`);
    writeFileSync(path, text.replace(bug.find, () => bug.replace));
    const env = testEnv();
    const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--noEmit'], { cwd: dir, env, encoding: 'utf8' });
    if (tsc.status !== 0) return done('does-not-compile', (tsc.stdout + tsc.stderr).split('\n')[0] ?? '');
    const test = spawnSync('npm', ['test', '--', '--bail=1', ...exclude.flatMap((f) => ['--exclude', f])], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: TEST_TIMEOUT_MS,
      maxBuffer: 256 * 1024 * 1024,
    });
    const output = `${test.stdout}\n${test.stderr}`;
    writeFileSync(join(dir, 'npm-test.log'), output);
    if (test.status === 0) return done('missed', 'npm test passed');
    if (test.status === null) return done('missed', `npm test did not finish within ${TEST_TIMEOUT_MS / 60_000} min`);
    return done('caught', failures(output)[0] ?? `npm test exited with ${test.status}`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`  kept ${dir}`);
  }
}

function main(argv: readonly string[]): number {
  const root = resolve('.');
  let only: Set<string> | undefined;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--only' && i + 1 < argv.length) only = new Set(argv[++i].split(','));
    else if (argv[i] === '--keep') keep = true;
    else {
      console.error(`planted-bugs: unknown argument ${JSON.stringify(argv[i])}; usage: planted-bugs [--only id,id] [--keep]`);
      return 2;
    }
  }
  const all = readBugs(root);
  const bugs = only === undefined ? all : all.filter((b) => only.has(b.id));
  if (only !== undefined && bugs.length !== only.size) {
    const known = new Set(all.map((b) => b.id));
    console.error(`planted-bugs: unknown ids ${[...only].filter((id) => !known.has(id)).join(', ')}`);
    return 2;
  }
  console.log('control: npm test on the unedited tree');
  const clean = control(root, keep);
  if (!clean.builds) {
    console.error('planted-bugs: the unedited tree does not build (tsc -p tsconfig.build.json fails); nothing tried');
    return 1;
  }
  if (clean.failingFiles.length > 0) {
    console.log(`  the unedited tree fails ${clean.failingFiles.length} test file(s), excluded from every bug run: ${clean.failingFiles.join(', ')}`);
  } else {
    console.log(`  passes (${clean.seconds} s)`);
  }
  const results: BugResult[] = [];
  for (const bug of bugs) {
    console.log(`${bug.id} (${bug.area}): ${bug.what}`);
    const r = tryBug(root, bug, clean.failingFiles, keep);
    console.log(`  ${r.status} in ${r.seconds} s: ${r.detail}`);
    results.push(r);
  }
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports', 'planted-bugs.json'), `${JSON.stringify({ date: new Date().toISOString(), control: clean, results }, null, 2)}\n`);
  const caught = results.filter((r) => r.status === 'caught').length;
  console.log(`${caught} of ${results.length} planted bugs caught by npm test (ci profile)`);
  return caught === results.length ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
