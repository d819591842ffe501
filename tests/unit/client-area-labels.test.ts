import { describe, expect, it } from 'vitest';
import { placeWithoutCollisions, type Box } from '../../client/map/area-labels.js';

const view: Box = { x0: 0, y0: 0, x1: 100, y1: 100 };
const box = (x: number, y: number, w = 20, h = 10): Box => ({ x0: x, y0: y, x1: x + w, y1: y + h });

describe('area names without collisions', () => {
  it('keeps the earlier (larger) area when two names would touch, and every name that fits', () => {
    const items = [{ id: 'big', b: box(10, 10) }, { id: 'touches-big', b: box(25, 15) }, { id: 'free', b: box(50, 50) }];
    expect(placeWithoutCollisions(items, (i) => i.b, view).map((i) => i.id)).toEqual(['big', 'free']);
  });

  it('leaves out names that would reach past the map, and stops at the maximum', () => {
    const items = [{ b: box(90, 10) }, { b: box(-5, 40) }, { b: box(10, 10) }, { b: box(10, 30) }, { b: box(10, 50) }];
    expect(placeWithoutCollisions(items, (i) => i.b, view, 2)).toEqual([items[2], items[3]]);
  });
});
