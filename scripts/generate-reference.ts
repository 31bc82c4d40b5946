/**
 * Writes the golden high-precision reference values to fixtures/reference/model-golden.json
 * (the cases of src/reference/golden-cases.ts, outputs at 60 significant digits), or with
 * `--check` recomputes them and exits 1 with a one-line message naming the first drifting case.
 *
 *   npm run reference:generate     # node dist/scripts/generate-reference.js
 *   npm run reference:check        # node dist/scripts/generate-reference.js --check
 *
 * Options: `--fixture <path>` reads/writes another file.
 */
import {
  buildGoldenFixture,
  checkGoldenFixture,
  defaultFixturePath,
  readGoldenFixture,
  writeGoldenFixture,
} from '../src/reference/golden-fixture.ts';

const USAGE = 'usage: node dist/scripts/generate-reference.js [--check] [--fixture <path>]';

function main(argv: readonly string[]): number {
  let check = false;
  let path = defaultFixturePath();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--check') check = true;
    else if (arg === '--fixture' && i + 1 < argv.length) path = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else {
      console.error(`generate-reference: unknown argument ${JSON.stringify(arg)}\n${USAGE}`);
      return 2;
    }
  }
  const started = Date.now();
  if (!check) {
    const fixture = buildGoldenFixture();
    writeGoldenFixture(path, fixture);
    console.log(`wrote ${fixture.cases.length} cases at ${fixture.digits} digits to ${path} (${Date.now() - started} ms)`);
    return 0;
  }
  let result;
  try {
    result = checkGoldenFixture(readGoldenFixture(path));
  } catch (error) {
    console.error(`reference check failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(`reference fixture OK: ${result.cases} cases match (${Date.now() - started} ms)`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
