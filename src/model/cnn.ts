/**
 * The plain CNN baseline of Du et al. (2018) is the ResNet without the shortcut: its first layer u
 * is the ResNet's e + w (THEORY.md §1). So the CNN with weight u is the ResNet at w = u − e, and
 * one code path serves both.
 */
import { shortcutComponent } from './teacher.ts';

/** w = u − e: the ResNet parameter that represents the CNN weight u. */
export function resnetFromCnn(u: Float64Array): Float64Array {
  const e = shortcutComponent(u.length);
  const w = new Float64Array(u.length);
  for (let i = 0; i < u.length; i++) w[i] = u[i] - e;
  return w;
}

/** u = e + w: the CNN weight represented by the ResNet parameter w. */
export function cnnFromResnet(w: Float64Array): Float64Array {
  const e = shortcutComponent(w.length);
  const u = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) u[i] = e + w[i];
  return u;
}
