/**
 * `shortcut-check claims [--json] [ID]`: lists the registry (id, kind, expected verdict, source
 * lines), or shows one claim whole: statement, quoted parts, our formalization, budgets.
 */
import type { Command } from 'commander';
import { CLAIMS, claimById } from '../claims/registry.ts';
import type { Claim } from '../claims/claim.ts';
import { InputError } from '../io/validation.ts';

function describeClaim(c: Claim): Record<string, unknown> {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    statement: c.statement,
    source: c.source,
    formalizationVersion: c.formalizationVersion,
    expected: c.expected,
    budgets: c.budgets,
    ...('missing' in c && c.missing !== undefined ? { missing: c.missing } : {}),
    ...('violation' in c ? { violation: c.violation } : {}),
  };
}

export function registerClaims(program: Command): void {
  program
    .command('claims')
    .description('list the claim registry, or show one claim')
    .argument('[id]', 'a claim id')
    .option('--json', 'print JSON')
    .action((id: string | undefined, options: { json?: boolean }) => {
      if (id !== undefined) {
        const claim = claimById(id);
        if (claim === undefined) throw new InputError(`unknown claim id ${JSON.stringify(id)}`);
        const d = describeClaim(claim);
        process.stdout.write(options.json === true ? `${JSON.stringify(d, null, 2)}\n` : renderOne(claim));
        return;
      }
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify(CLAIMS.map(describeClaim), null, 2)}\n`);
        return;
      }
      for (const c of CLAIMS) {
        process.stdout.write(`${c.id.padEnd(32)} ${c.kind.padEnd(12)} expected ${c.expected.padEnd(15)} ${c.source.lines}\n`);
      }
    });
}

function renderOne(c: Claim): string {
  return [
    `${c.id} (${c.kind}, formalization v${c.formalizationVersion}): ${c.title}`,
    `statement: ${c.statement}`,
    `source: ${c.source.lines}`,
    ...c.source.quoted.map((q) => `  quoted: ${q}`),
    ...c.source.ours.map((o) => `  ours:   ${o}`),
    `expected verdict: ${c.expected}`,
    '',
  ].join('\n');
}
