/*
 * The C baseline of `shortcut-check bench` (gd-step): closed-form GD on the population loss of
 * THEORY.md §2 with the arithmetic of our plain step (src/model/plain-descent-step.ts), written the
 * way the formulas read — plain sums, φ = acos(cos φ), v* − cos φ·v from the unit vectors — in
 * separate passes (‖u‖ and uᵀu* over w, aᵀa*, 1ᵀ(a − a*) and ‖a − a*‖² over a, then the two
 * updates), with h(φ) = π − (π − φ) cos φ − sin φ (our step takes h from a series near 0; on the
 * benchmark problem φ stays near 0.6–0.8, where the two agree to rounding). Its trajectory differs
 * from ours by rounding only: the bench compares the final losses.
 *
 * Build: gcc -O2 -ffp-contract=off -o gd_step gd_step.c -lm   (no FMA contraction: the same
 * roundings as JavaScript; plain -O2 on x86-64 contracts nothing anyway).
 *
 * Input (file named by argv[1], whitespace-separated): p k etaW etaA steps reps, then w* (p),
 * a* (k), w_0 (p), a_0 (k). Each of `reps` repetitions runs `steps` GD steps from (w_0, a_0) and
 * is timed with CLOCK_MONOTONIC. Output: one JSON line with the median and the best steps per
 * second, and the final loss and φ.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  int p, k;
  double e, normUStar;
  double *aStar, *uStar, *vStar;
} Teacher;

/* One evaluation's scalars. */
typedef struct {
  double loss, phi, cosPhi, normU, aDotAStar, sumDiff, h;
} State;

static void evaluate(const Teacher *t, const double *w, const double *a, State *s) {
  double nu2 = 0, dot = 0;
  for (int i = 0; i < t->p; i++) {
    double u = t->e + w[i];
    nu2 += u * u;
    dot += u * t->uStar[i];
  }
  double aa = 0, sum = 0, sq = 0;
  for (int j = 0; j < t->k; j++) {
    double d = a[j] - t->aStar[j];
    aa += a[j] * t->aStar[j];
    sum += d;
    sq += d * d;
  }
  double n = sqrt(nu2);
  double c = dot / (n * t->normUStar);
  c = c > 1 ? 1 : c < -1 ? -1 : c;
  double phi = acos(c);
  double h = M_PI - ((M_PI - phi) * c + sin(phi));
  s->loss = ((M_PI - 1) * sq + sum * sum) / (4 * M_PI) + h * aa / (2 * M_PI);
  s->phi = phi;
  s->cosPhi = c;
  s->normU = n;
  s->aDotAStar = aa;
  s->sumDiff = sum;
  s->h = h;
}

/* w ← w − η_w ∇_w L, a ← a − η_a ∇_a L at the evaluated iterate. */
static void update(const Teacher *t, double *w, double *a, double etaW, double etaA, const State *s) {
  double coef = -s->aDotAStar * (M_PI - s->phi) / (2 * M_PI * s->normU);
  double invN = 1 / s->normU;
  for (int i = 0; i < t->p; i++) {
    double v = (t->e + w[i]) * invN;
    w[i] -= etaW * coef * (t->vStar[i] - s->cosPhi * v);
  }
  for (int j = 0; j < t->k; j++) {
    double g = ((M_PI - 1) * (a[j] - t->aStar[j]) + s->sumDiff + s->h * t->aStar[j]) / (2 * M_PI);
    a[j] -= etaA * g;
  }
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
  double *wStar = read_vector(f, p);
  t.aStar = read_vector(f, k);
  double *w0 = read_vector(f, p), *a0 = read_vector(f, k);
  fclose(f);
  t.uStar = malloc(sizeof(double) * (size_t)p);
  t.vStar = malloc(sizeof(double) * (size_t)p);
  double ns2 = 0;
  for (int i = 0; i < p; i++) {
    t.uStar[i] = t.e + wStar[i];
    ns2 += t.uStar[i] * t.uStar[i];
  }
  t.normUStar = sqrt(ns2);
  for (int i = 0; i < p; i++) t.vStar[i] = t.uStar[i] / t.normUStar;

  double *w = malloc(sizeof(double) * (size_t)p), *a = malloc(sizeof(double) * (size_t)k);
  double *rates = malloc(sizeof(double) * (size_t)reps);
  State s;
  for (long r = 0; r < reps; r++) {
    memcpy(w, w0, sizeof(double) * (size_t)p);
    memcpy(a, a0, sizeof(double) * (size_t)k);
    double start = now_seconds();
    for (long step = 0; step < steps; step++) {
      evaluate(&t, w, a, &s);
      update(&t, w, a, etaW, etaA, &s);
    }
    rates[r] = (double)steps / (now_seconds() - start);
  }
  evaluate(&t, w, a, &s);
  qsort(rates, (size_t)reps, sizeof(double), compare_doubles);
  printf("{\"steps\": %ld, \"reps\": %ld, \"medianStepsPerSecond\": %.6g, \"bestStepsPerSecond\": %.6g, \"loss\": %.17g, \"phi\": %.17g}\n",
         steps, reps, rates[reps / 2], rates[reps - 1], s.loss, s.phi);
  return 0;
}
