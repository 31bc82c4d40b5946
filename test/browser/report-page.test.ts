/**
 * The HTML report in a real browser (Debian's Chromium driven by playwright-core, headless, no
 * network): the page `shortcut-check report` writes from freshly made inputs loads with no console
 * error and no request beyond its own file, and every figure holds a non-empty plot. The screenshot
 * of the page down to the last figure is saved as reports/report-screenshot.png.
 *
 * The inputs are made here, in a temporary folder, by the built CLI (`npm test` builds it first):
 * `verify` on one cheap claim, and one-trial sweeps of P1–P4.
 *
 * Chromium comes from `apt-get install chromium` (.ci/run installs it); without it the test is
 * skipped outside CI and fails in CI.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../src/experiments/sweep/protocol.ts';
import { BASIN_PLOT_ID } from '../../src/report/plots/basin-plot.ts';
import { FIGURES } from '../../src/report/html-report.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = fileURLToPath(new URL('../../reports/report-screenshot.png', import.meta.url));
const SEED = 2019;
/** A cheap claim (0.3 s under ci) whose verdict row and evidence section the page must show. */
const CLAIM = 'model.d3-angle-closing';
/** The claims whose details the report's other figures draw (about 2 s each under ci). */
const FIGURE_CLAIMS = ['rebuttal.deep-pd', 'rebuttal.other-activations'];

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.CI === undefined) {
  process.stderr.write(`test/browser: ${CHROMIUM} not found, skipping (apt-get install chromium)\n`);
}

const BIN = fileURLToPath(new URL('../../bin/shortcut-check.js', import.meta.url));

/**
 * Runs the built CLI in a child process (asynchronously, so that the inputs are made in parallel);
 * `verify` may also exit 1 (a verdict differs from the registry): the page shows either.
 */
async function cli(args: string[], cwd?: string): Promise<void> {
  const accepted = args[0] === 'verify' ? [0, 1] : [0];
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, SHORTCUT_DEBUG: '' } }, (error, _stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      if (accepted.includes(code)) resolve();
      else reject(new Error(`shortcut-check ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

describe.skipIf(!hasChromium && process.env.CI === undefined)('the HTML report in Chromium', () => {
  let dir: string;
  let context: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shortcut-report-'));
    const reports = join(dir, 'reports');
    mkdirSync(reports);
    await Promise.all([
      cli(['verify', '--profile', 'ci', '--claims', [CLAIM, ...FIGURE_CLAIMS].join(',')], dir),
      ...PROTOCOL_NAMES.map((name) =>
        cli(['sweep', name, '--trials', '1', '--workers', '1', '--seed', String(SEED), '--out', join(reports, `sweep-${name}.json`)]),
      ),
    ]);
    await cli(['report', '--in', reports, '--out', join(reports, 'report.html')]);
    context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1500, height: 1000 },
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('should load with no console error, request nothing else, and show every plot', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'reports', 'report.html')).href;
    const response = await page.goto(url, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);

    expect(await page.locator(`a[href="#claim-${CLAIM}"]`).count()).toBe(1);
    expect(await page.locator(`section[id="claim-${CLAIM}"]`).count()).toBe(1);

    const ids = [...FIGURES.map((f) => f.id), BASIN_PLOT_ID];
    for (const id of ids) {
      const figure = page.locator(`figure[id="${id}"]`);
      expect(await figure.getAttribute('data-state'), `${id}: ${await figure.textContent()}`).toBe('plot');
      const box = await figure.locator('svg').first().boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width, id).toBeGreaterThan(200);
      expect(box!.height, id).toBeGreaterThan(150);
      // Data marks (Vega labels each drawn datum "<type> mark"; axes, legends and containers differ).
      const marks = await figure.locator('svg [aria-roledescription$=" mark"]').count();
      expect(marks, `${id}: data marks`).toBeGreaterThan(0);
      // The whole plot is in view: the figure does not need its horizontal scroll bar.
      expect(await figure.evaluate((el) => el.scrollWidth <= el.clientWidth), `${id}: fits its column`).toBe(true);
    }

    const figures = await page.locator('.figures').boundingBox();
    mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true, clip: { x: 0, y: 0, width: 1500, height: figures!.y + figures!.height + 16 } });
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 60_000);
});
