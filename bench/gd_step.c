/*
 * The C baseline of `shortcut-check bench` (gd-step): closed-form GD on the population loss of
 * THEORY.md §2 with the same arithmetic as src/model/population-loss.ts and src/optim/descent.ts —
 * the same formulas in the same order (d formed from w* − w, φ by two atan2, h(φ) by the same
 * series, aᵀa* by Dot2, 1ᵀ(a − a*) by Sum2), the same fused passes (per step: ‖d‖², ‖s‖² over w;
 * the w update with the next iterate's ‖u‖² and (w − w*)ᵀ(u + u*); the a update with the next
 * aᵀa*, 1ᵀ(a − a*), ‖a − a*‖²), and the same per-step checks (loss target, changed, finite).
 * Only libm's atan2/sin/cos differ from V8's (both are fdlibm-quality), so the trajectories agree
 * to rounding, which the bench checks through the final loss.
 *
 * Build: gcc -O2 -ffp-contract=off -o gd_step gd_step.c -lm   (no FMA contraction: the same
 * roundings as JavaScript; plain -O2 on x86-64 contracts nothing anyway).
 *
 * Input (file named by argv[1], whitespace-separated): p k etaW etaA steps reps, then w* (p),
 * a* (k), w_0 (p), a_0 (k). Each of `reps` repetitions runs `steps` GD steps from (w_0, a_0) (loss
 * target −∞) and is timed with CLOCK_MONOTONIC. Output: one JSON line with the median and the best
 * steps per second, and the final loss and φ.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const double SPLITTER = 134217729.0;
static const double TINY = 1e-280;
static const double HUGE_SS = 1e280;

typedef struct {
  int p, k;
  double e, normUStar;
  double *wStar, *aStar, *uStar, *vStar;
} Teacher;

typedef struct {
  double normUSq, cross, aDotAStar, sumDiff, sqDiff, dd, ss, delta;
  double loss, phi, piMinusPhi, normU, h;
} Sums;

/* ‖x + c·1‖ with the scaled fallback of src/model/vector-norm.ts. */
static double shifted_norm(const double *x, int n, double c) {
  double ss = 0;
  for (int i = 0; i < n; i++) {
    double y = x[i] + c;
    ss += y * y;
  }
  if (ss > TINY && ss < HUGE_SS) return sqrt(ss);
  double m = 0;
  for (int i = 0; i < n; i++) m = fmax(m, fabs(x[i] + c));
  if (m == 0 || !isfinite(m)) return m;
  ss = 0;
  for (int i = 0; i < n; i++) {
    double y = (x[i] + c) / m;
    ss += y * y;
  }
  return m * sqrt(ss);
}

/* q(x) = sin x − x cos x (src/model/angle-functions.ts). */
static double sin_minus_x_cos(double x) {
  if (x >= 1) return sin(x) - x * cos(x);
  double x2 = x * x;
  double term = (x * x2) / 6;
  double sum = 2 * term;
  for (int n = 2; n <= 12; n++) {
    term *= x2 / ((2 * n) * (2 * n + 1));
    double contribution = 2 * n * term;
    sum += n % 2 == 0 ? -contribution : contribution;
    if (contribution < 1e-18 * sum) break;
  }
  return sum;
}

static double h_of_phi(double phi) {
  double s = sin(phi / 2);
  return 2 * M_PI * s * s - sin_minus_x_cos(phi);
}

static double dot2(const double *x, const double *y, int n) {
  double s = 0, c = 0;
  for (int i = 0; i < n; i++) {
    double a = x[i], b = y[i], p = a * b;
    double t = SPLITTER * a, ah = t - (t - a), al = a - ah;
    t = SPLITTER * b;
    double bh = t - (t - b), bl = b - bh;
    double ep = al * bl - (((p - ah * bh) - al * bh) - ah * bl);
    double u = s + p, z = u - s;
    c += (s - (u - z)) + (p - z) + ep;
    s = u;
  }
  return s + c;
}

static double sum_of_differences2(const double *x, const double *y, int n) {
  double s = 0, c = 0;
  for (int i = 0; i < n; i++) {
    double xi = x[i], yi = -y[i], d = xi + yi, dz = d - xi;
    double de = (xi - (d - dz)) + (yi - dz);
    double t = s + d, z = t - s;
    c += (s - (t - z)) + (d - z) + de;
    s = t;
  }
  return s + c;
}

static void sum_iterate(const Teacher *t, const double *w, const double *a, Sums *s) {
  double normUSq = 0, cross = 0, sq = 0;
  for (int i = 0; i < t->p; i++) {
    double wi = w[i], y = wi + t->e;
    normUSq += y * y;
    cross += (wi - t->wStar[i]) * (t->e + wi + t->uStar[i]);
  }
  for (int j = 0; j < t->k; j++) {
    double dj = a[j] - t->aStar[j];
    sq += dj * dj;
  }
  s->normUSq = normUSq;
  s->cross = cross;
  s->aDotAStar = dot2(a, t->aStar, t->k);
  s->sumDiff = sum_of_differences2(a, t->aStar, t->k);
  s->sqDiff = sq;
}

static int evaluate_sums(const Teacher *t, const double *w, Sums *s) {
  double e = t->e, nStar = t->normUStar;
  double n = s->normUSq > TINY && s->normUSq < HUGE_SS ? sqrt(s->normUSq) : shifted_norm(w, t->p, e);
  if (!(n > 0)) return -1;
  double delta = s->cross / (n + nStar) / (n * nStar);
  double invN = 1 / n, invNStar = 1 / nStar, dd = 0, ss = 0;
  for (int i = 0; i < t->p; i++) {
    double wi = w[i], ui = e + wi;
    double di = (t->wStar[i] - wi) * invNStar + ui * delta;
    double si = ui * invN + t->vStar[i];
    dd += di * di;
    ss += si * si;
  }
  double nd = sqrt(dd), ns = sqrt(ss);
  double phi = 2 * atan2(nd, ns);
  s->piMinusPhi = 2 * atan2(ns, nd);
  s->h = h_of_phi(phi);
  s->dd = dd;
  s->ss = ss;
  s->delta = delta;
  s->loss = ((M_PI - 1) * s->sqDiff + s->sumDiff * s->sumDiff) * (1 / (4 * M_PI)) + s->h * s->aDotAStar * (1 / (2 * M_PI));
  s->phi = phi;
  s->normU = n;
  return 0;
}

/* The fused update; returns 1 if some entry changed, 2 if a next-iterate sum is not finite. */
static int descent_step(const Teacher *t, double *w, double *a, double etaW, double etaA, Sums *s) {
  const double INV_2PI = 1 / (2 * M_PI);
  double e = t->e, invN = 1 / s->normU, invNStar = 1 / t->normUStar, delta = s->delta;
  double coef = (-s->aDotAStar * s->piMinusPhi * INV_2PI) * invN;
  int near = s->dd <= s->ss;
  double along = ((near ? s->dd : s->ss) / 2) * invN;
  int changed = 0;
  double normUSq = 0, cross = 0;
  for (int i = 0; i < t->p; i++) {
    double wi = w[i], ui = e + wi, wsi = t->wStar[i];
    double g = near ? coef * ((wsi - wi) * invNStar + ui * delta + ui * along)
                    : coef * (ui * invN + t->vStar[i] - ui * along);
    double next = wi - etaW * g;
    w[i] = next;
    changed |= next != wi;
    double y = next + e;
    normUSq += y * y;
    cross += (next - wsi) * (e + next + t->uStar[i]);
  }
  double h = s->h, sumDiff = s->sumDiff;
  double dotS = 0, dotC = 0, sumS = 0, sumC = 0, sq = 0;
  for (int j = 0; j < t->k; j++) {
    double before = a[j], bj = t->aStar[j];
    double g = ((M_PI - 1) * (before - bj) + sumDiff + h * bj) * INV_2PI;
    double aj = before - etaA * g;
    a[j] = aj;
    changed |= aj != before;
    double prod = aj * bj;
    double split = SPLITTER * aj, ah = split - (split - aj), al = aj - ah;
    split = SPLITTER * bj;
    double bh = split - (split - bj), bl = bj - bh;
    double ep = al * bl - (((prod - ah * bh) - al * bh) - ah * bl);
    double dotT = dotS + prod, dotZ = dotT - dotS;
    dotC += (dotS - (dotT - dotZ)) + (prod - dotZ) + ep;
    dotS = dotT;
    double nb = -bj, diff = aj + nb, dz = diff - aj;
    double de = (aj - (diff - dz)) + (nb - dz);
    double sumT = sumS + diff, sumZ = sumT - sumS;
    sumC += (sumS - (sumT - sumZ)) + (diff - sumZ) + de;
    sumS = sumT;
    double dj = aj - bj;
    sq += dj * dj;
  }
  s->normUSq = normUSq;
  s->cross = cross;
  s->aDotAStar = dotS + dotC;
  s->sumDiff = sumS + sumC;
  s->sqDiff = sq;
  return changed | (isfinite(normUSq + cross + s->aDotAStar + s->sumDiff + sq) ? 0 : 2);
}

/* Runs `steps` GD steps in place; returns the steps performed (as runDescent counts them). */
static long run(const Teacher *t, double *w, double *a, double etaW, double etaA, long steps, Sums *s) {
  long step = 0;
  sum_iterate(t, w, a, s);
  for (; step < steps; step++) {
    if (evaluate_sums(t, w, s) != 0 || !isfinite(s->loss)) break;
    if (s->loss <= -INFINITY) break;
    int flags = descent_step(t, w, a, etaW, etaA, s);
    if (flags & 2) {
      step++;
      break;
    }
    if (!(flags & 1)) return steps;
  }
  return step;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int compare_doubles(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static double *read_vector(FILE *f, int n) {
  double *x = malloc(sizeof(double) * (size_t)n);
  for (int i = 0; i < n; i++) {
    if (fscanf(f, "%lf", &x[i]) != 1) {
      fprintf(stderr, "gd_step: input ends early\n");
      exit(2);
    }
  }
  return x;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: gd_step PROBLEM_FILE\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "r");
  if (f == NULL) {
    fprintf(stderr, "gd_step: cannot open %s\n", argv[1]);
    return 2;
  }
  int p, k;
  double etaW, etaA;
  long steps, reps;
  if (fscanf(f, "%d %d %lf %lf %ld %ld", &p, &k, &etaW, &etaA, &steps, &reps) != 6 || p < 1 || k < 1 || steps < 1 || reps < 1) {
    fprintf(stderr, "gd_step: bad header\n");
    return 2;
  }
  Teacher t = {.p = p, .k = k, .e = 1 / sqrt((double)p)};
  t.wStar = read_vector(f, p);
  t.aStar = read_vector(f, k);
  double *w0 = read_vector(f, p), *a0 = read_vector(f, k);
  fclose(f);
  t.uStar = malloc(sizeof(double) * (size_t)p);
  t.vStar = malloc(sizeof(double) * (size_t)p);
  for (int i = 0; i < p; i++) t.uStar[i] = t.e + t.wStar[i];
  t.normUStar = shifted_norm(t.uStar, p, 0);
  for (int i = 0; i < p; i++) t.vStar[i] = t.uStar[i] / t.normUStar;

  double *w = malloc(sizeof(double) * (size_t)p), *a = malloc(sizeof(double) * (size_t)k);
  double *rates = malloc(sizeof(double) * (size_t)reps);
  Sums s;
  long performed = 0;
  for (long r = 0; r < reps; r++) {
    memcpy(w, w0, sizeof(double) * (size_t)p);
    memcpy(a, a0, sizeof(double) * (size_t)k);
    double start = now_seconds();
    performed = run(&t, w, a, etaW, etaA, steps, &s);
    rates[r] = (double)performed / (now_seconds() - start);
  }
  sum_iterate(&t, w, a, &s);
  evaluate_sums(&t, w, &s);
  qsort(rates, (size_t)reps, sizeof(double), compare_doubles);
  printf("{\"steps\": %ld, \"reps\": %ld, \"medianStepsPerSecond\": %.6g, \"bestStepsPerSecond\": %.6g, \"loss\": %.17g, \"phi\": %.17g}\n",
         performed, reps, rates[reps / 2], rates[reps - 1], s.loss, s.phi);
  return 0;
}
