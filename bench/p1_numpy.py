"""The NumPy baseline of `shortcut-check bench` (p1-trials): protocol P1 of THEORY.md §7, batched.

All N trials of one cell advance together as (N, p) and (N, k) arrays: teacher a* ~ N(0, I_k),
w* = s·ξ/√p; a_0 uniform in the ball of radius |1ᵀa*|/√k; w_0 = 0 (ResNet) or u − e with u
uniform on the sphere (CNN); η_a = α·2π/(π−1+k), η_w = β·η_a; GD with the closed forms of
THEORY.md §2 for at most T steps, a trial leaving the batch once L ≤ 1e-12 (the batch is compacted
then, so finished trials cost nothing); outcome global / spurious / undecided as in §7.

Usage: python3 p1_numpy.py K S BETA INIT TRIALS [SEED]   (INIT: resnet | cnn)
Prints one JSON line: trials, seconds, trials per second, outcome counts.
"""
import json
import sys
import time

import numpy as np

PI = np.pi


def p1_batch(k, s, beta, init, trials, seed, steps=20000, alpha=1.0):
    p = k
    rng = np.random.default_rng(seed)
    a_star = rng.standard_normal((trials, k))
    w_star = s * rng.standard_normal((trials, p)) / np.sqrt(p)
    e = 1 / np.sqrt(p)
    u_star = e + w_star
    v_star = u_star / np.linalg.norm(u_star, axis=1, keepdims=True)
    radius = np.abs(a_star.sum(axis=1)) / np.sqrt(k)
    direction = rng.standard_normal((trials, k))
    direction /= np.linalg.norm(direction, axis=1, keepdims=True)
    a = direction * (radius * rng.random(trials) ** (1 / k))[:, None]
    if init == 'resnet':
        w = np.zeros((trials, p))
    else:
        u = rng.standard_normal((trials, p))
        w = u / np.linalg.norm(u, axis=1, keepdims=True) - e
    eta_a = alpha * 2 * PI / (PI - 1 + k)
    eta_w = beta * eta_a

    final_phi = np.empty(trials)
    final_a_dist = np.empty(trials)
    a_star_norm = np.linalg.norm(a_star, axis=1)
    active = np.arange(trials)

    def angle(w, v_star):
        u = e + w
        n = np.linalg.norm(u, axis=1, keepdims=True)
        v = u / n
        phi = 2 * np.arctan2(np.linalg.norm(v - v_star, axis=1), np.linalg.norm(v + v_star, axis=1))
        return n, v, phi

    for _ in range(steps):
        n, v, phi = angle(w, v_star)
        cos = np.cos(phi)
        h = PI - (PI - phi) * cos - np.sin(phi)
        diff = a - a_star
        sum_diff = diff.sum(axis=1)
        a_dot = np.einsum('ij,ij->i', a, a_star)
        loss = ((PI - 1) * np.einsum('ij,ij->i', diff, diff) + sum_diff**2) / (4 * PI) + h * a_dot / (2 * PI)
        done = loss <= 1e-12
        if done.any():
            idx = active[done]
            final_phi[idx] = phi[done]
            final_a_dist[idx] = np.linalg.norm(diff[done], axis=1)
            keep = ~done
            active, w, a, a_star, v_star = active[keep], w[keep], a[keep], a_star[keep], v_star[keep]
            n, v, phi, cos, h, diff, sum_diff, a_dot = n[keep], v[keep], phi[keep], cos[keep], h[keep], diff[keep], sum_diff[keep], a_dot[keep]
            if active.size == 0:
                break
        grad_a = ((PI - 1) * diff + sum_diff[:, None] + h[:, None] * a_star) / (2 * PI)
        grad_w = (-(a_dot * (PI - phi)) / (2 * PI * n[:, 0]))[:, None] * (v_star - cos[:, None] * v)
        w = w - eta_w * grad_w
        a = a - eta_a * grad_a
    if active.size > 0:
        _, _, phi = angle(w, v_star)
        final_phi[active] = phi
        final_a_dist[active] = np.linalg.norm(a - a_star, axis=1)
    glob = (final_phi < 0.01) & (final_a_dist < 0.01 * a_star_norm)
    spurious = ~glob & (final_phi > PI - 0.1)
    return {'global': int(glob.sum()), 'spurious': int(spurious.sum()), 'undecided': int(trials - glob.sum() - spurious.sum())}


def main():
    k, s, beta, init, trials = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], int(sys.argv[5])
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 2019
    start = time.perf_counter()
    counts = p1_batch(k, s, beta, init, trials, seed)
    seconds = time.perf_counter() - start
    print(json.dumps({'trials': trials, 'seconds': seconds, 'trialsPerSecond': trials / seconds, 'numpy': np.__version__, **counts}))


if __name__ == '__main__':
    main()
