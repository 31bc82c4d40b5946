/**
 * Reads a Stryker JSON report (reports/mutation/mutation.json by default) and prints, per mutated
 * file, the mutation score and every mutant that was not killed: survived, no coverage, ignored
 * (static: reached only while modules load) and errors. Surviving mutants listed in
 * mutation/equivalent-mutants.md (the same file, mutator, original code and replacement) are
 * marked equivalent and left out of the adjusted score.
 *
 *   npx tsx scripts/mutation-survivors.ts [report.json] [--min 90]
 *
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's definition;
 * adjusted score = the same with the listed equivalent mutants removed from the denominator.
 * Exit code 1 when a survivor is not listed or an adjusted score is below --min (default 90).
 */
import { readFileSync } from 'node:fs';

interface ReportMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number }; readonly end: { readonly line: number; readonly column: number } };
}

interface Report {
  readonly files: Record<string, { readonly source: string; readonly mutants: ReportMutant[] }>;
}

interface Equivalent {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
}

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** The source text a mutant replaces (its location; lines and columns are 1-based). */
function originalText(source: string, m: ReportMutant): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  if (start.line === end.line) return lines[start.line - 1].slice(start.column - 1, end.column - 1);
  const parts = [lines[start.line - 1].slice(start.column - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1].slice(0, end.column - 1)];
  return parts.join('\n');
}

/** One line, code cells unwrapped: how a mutant's text is written in the equivalents table. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Table rows `| file | line | mutator | original | replacement | reason |` (`\|` escapes a pipe). */
function readEquivalents(path: string): Equivalent[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const out: Equivalent[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('| src/')) continue;
    const cells = line
      .slice(1, line.lastIndexOf('|'))
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|').replace(/^`(.*)`$/, '$1'));
    if (cells.length < 6) throw new RangeError(`${path}: a table row needs 6 cells (got ${cells.length}): ${line}`);
    out.push({ file: cells[0], mutator: cells[2], original: cell(cells[3]), replacement: cell(cells[4]) });
  }
  return out;
}

function main(argv: readonly string[]): number {
  let reportPath = 'reports/mutation/mutation.json';
  let min = 90;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--min' && i + 1 < argv.length) min = Number(argv[++i]);
    else reportPath = argv[i];
  }
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
  const equivalents = readEquivalents('mutation/equivalent-mutants.md');
  const used = new Array<boolean>(equivalents.length).fill(false);
  let failed = false;
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const count = (s: Set<string>): number => mutants.filter((m) => s.has(m.status)).length;
    const detected = count(DETECTED);
    const undetected = count(UNDETECTED);
    const lines: string[] = [];
    let equivalent = 0;
    for (const m of mutants.filter((x) => !DETECTED.has(x.status)).sort((x, y) => x.location.start.line - y.location.start.line)) {
      const original = cell(originalText(source, m));
      const replacement = cell(m.replacement ?? '');
      let mark = '';
      if (UNDETECTED.has(m.status)) {
        const i = equivalents.findIndex((q, j) => !used[j] && q.file === file && q.mutator === m.mutatorName && q.original === original && q.replacement === replacement);
        if (i >= 0) {
          used[i] = true;
          equivalent++;
          mark = ' [equivalent]';
        } else {
          failed = true;
        }
      }
      lines.push(`  ${m.status}${mark} ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName}: \`${original}\` → \`${replacement}\``);
    }
    const total = detected + undetected;
    const score = total === 0 ? 100 : (100 * detected) / total;
    const adjusted = total - equivalent === 0 ? 100 : (100 * detected) / (total - equivalent);
    if (adjusted < min) failed = true;
    console.log(
      `${file}: ${mutants.length} mutants, score ${score.toFixed(2)}% (${detected}/${total}), adjusted ${adjusted.toFixed(2)}% (${equivalent} equivalent), ignored ${count(new Set(['Ignored']))}`,
    );
    for (const l of lines) console.log(l);
  }
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
