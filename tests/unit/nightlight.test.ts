import { describe, expect, it } from 'vitest';
import { blur } from '../../server/generate/nightlight.js';

describe('night-light blur', () => {
  it('spreads a point symmetrically and keeps its total away from the edges', () => {
    const w = 41, h = 41;
    const src = new Float32Array(w * h);
    src[20 * w + 20] = 1000;
    const out = blur(src, w, h, 2);
    const total = out.reduce((s, v) => s + v, 0);
    expect(total).toBeCloseTo(1000, 2);
    expect(out[20 * w + 20]).toBeGreaterThan(out[20 * w + 22]);
    expect(out[20 * w + 22]).toBeCloseTo(out[22 * w + 20], 4);
    expect(out[20 * w + 18]).toBeCloseTo(out[20 * w + 22], 4);
    // the peak of a unit Gaussian in 2-D is 1 / (2πσ²)
    expect(out[20 * w + 20] / 1000).toBeCloseTo(1 / (2 * Math.PI * 4), 3);
  });
});
