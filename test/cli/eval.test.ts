import { describe, expect, it } from 'vitest';
import { isCleanRejection, runCli } from './run-cli.ts';

const point = { p: 2, k: 3, w: [0.1, -0.2], a: [0.5, -0.1, 0.3], wStar: [0.05, 0.02], aStar: [1, -0.5, 0.25] };

describe('shortcut-check eval', () => {
  it('should print loss, phi and both gradients as round-trip doubles', () => {
    const r = runCli(['eval'], JSON.stringify(point));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { loss: number; phi: number; gradW: number[]; gradA: number[] };
    expect(Object.keys(out)).toEqual(['loss', 'phi', 'gradW', 'gradA']);
    expect(out.gradW).toHaveLength(2);
    expect(out.gradA).toHaveLength(3);
    expect(out.loss).toBeGreaterThan(0);
  });

  it('should keep the shape of an array input', () => {
    const r = runCli(['eval', '--input', '-'], JSON.stringify([point, point]));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as unknown[];
    expect(out).toHaveLength(2);
    expect(out[0]).toEqual(out[1]);
  });

  it('should print reference decimal strings of the requested digits with --reference', () => {
    const r = runCli(['eval', '--reference', '--digits', '50'], JSON.stringify(point));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { loss: string; gradW: string[] };
    expect(typeof out.loss).toBe('string');
    expect(out.loss.replace(/^-?0\.0*|[.-]|e.*$/g, '').length).toBeLessThanOrEqual(50);
    const float = JSON.parse(runCli(['eval'], JSON.stringify(point)).stdout) as { loss: number };
    expect(Math.abs(Number(out.loss) - float.loss) / float.loss).toBeLessThan(1e-14);
  });

  it('should give exactly zero loss and gradients at the global optimum w = w*, a = a*', () => {
    const r = runCli(['eval'], JSON.stringify({ ...point, w: point.wStar, a: point.aStar }));
    const out = JSON.parse(r.stdout) as { loss: number; phi: number; gradW: number[]; gradA: number[] };
    expect(out.loss).toBe(0);
    expect(out.phi).toBe(0);
    expect(out.gradW.every((x) => x === 0)).toBe(true);
    expect(out.gradA.every((x) => x === 0)).toBe(true);
  });

  const bad: [string, string[], string, RegExp][] = [
    ['a missing field', ['eval'], JSON.stringify({ ...point, aStar: undefined }), /aStar/],
    ['a wrong length', ['eval'], JSON.stringify({ ...point, w: [1] }), /w: must have length p = 2 \(got 1\)/],
    ['Infinity (1e999)', ['eval'], JSON.stringify(point).replace('0.1', '1e999'), /w\[0\]/],
    ['NaN as a string', ['eval'], JSON.stringify({ ...point, a: ['NaN', 0, 0] }), /a\[0\]/],
    ['a bare NaN', ['eval'], JSON.stringify(point).replace('0.1', 'NaN'), /malformed JSON/],
    ['e + w = 0', ['eval'], JSON.stringify({ ...point, w: [-1 / Math.sqrt(2), -1 / Math.sqrt(2)] }), /e \+ w must be non-zero/],
    ['a non-integer p', ['eval'], JSON.stringify({ ...point, p: 2.5 }), /input\.p: must be a positive integer/],
    ['k = 0', ['eval'], JSON.stringify({ ...point, k: 0 }), /input\.k/],
    ['malformed JSON', ['eval'], '{"p": 2,', /malformed JSON/],
    ['empty input', ['eval'], '', /empty input/],
    ['an unknown field', ['eval'], JSON.stringify({ ...point, extra: 1 }), /unknown field "extra"/],
    ['an unknown option', ['eval', '--bogus'], JSON.stringify(point), /unknown option/],
    ['--digits without --reference', ['eval', '--digits', '30'], JSON.stringify(point), /--digits/],
    ['a non-integer --digits', ['eval', '--reference', '--digits', '3x'], JSON.stringify(point), /--digits/],
    ['a missing file', ['eval', '--input', '/nonexistent/x.json'], '', /no such file/],
    ['a bad element of an array', ['eval'], JSON.stringify([point, { ...point, k: -1 }]), /input\[1\]\.k/],
  ];
  for (const [what, args, input, message] of bad) {
    it(`should reject ${what} with one line and exit code 2`, () => {
      const r = runCli(args, input);
      expect(isCleanRejection(r), `${r.code} ${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(message);
    });
  }
});
