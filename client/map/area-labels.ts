/**
 * The names of the areas of the level on screen, written on the map in the reader's language with
 * the bundled Sarabun font, drawn in the browser (no glyph server). Each name is drawn whole on a
 * canvas, which shapes Thai properly (vowel and tone marks stacked on their consonant), and deck.gl's
 * IconLayer places the pictures: its TextLayer draws character by character, which puts every Thai
 * mark beside its consonant instead of above or below it. Names never collide: the larger areas are
 * placed first (the API lists them so) and a name that would touch one already placed is left out.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fetchLabels } from '../api/areas.js';
import type { AreaLabel, LevelBand } from '../api/types.js';
import { setDeckLayers } from '../layers/deck-overlay.js';
import type { Lang } from '../state/url-state.js';
import { levelAtZoom } from './levels.js';

const FONT_SIZE = 13;
const FONT = `700 ${FONT_SIZE}px Sarabun`;
/** Space kept free around a name, in pixels. */
const GAP = 4;
const MAX_LABELS = 200;

interface Placed {
  label: AreaLabel;
  text: string;
}

interface Atlas {
  canvas: HTMLCanvasElement;
  mapping: Record<string, { x: number; y: number; width: number; height: number; anchorX: number; anchorY: number }>;
  /** Height of one name's picture on screen, in CSS pixels. */
  height: number;
}

/** Every name drawn once, white halo then dark text, in rows on one canvas at the screen's resolution. */
function drawAtlas(names: readonly string[]): Atlas {
  const ratio = Math.min(2, window.devicePixelRatio || 1);
  const halo = 3;
  const rowHeight = Math.ceil((FONT_SIZE * 1.5 + 2 * halo) * ratio);
  const widths = names.map((n) => Math.ceil((textWidth(n) + 2 * halo + 2) * ratio));
  const atlasWidth = 2048;
  let x = 0;
  let y = 0;
  const spots = widths.map((w) => {
    if (x + w > atlasWidth) {
      x = 0;
      y += rowHeight;
    }
    const spot = { x, y, width: w, height: rowHeight };
    x += w;
    return spot;
  });
  const canvas = document.createElement('canvas');
  canvas.width = atlasWidth;
  canvas.height = Math.max(1, y + rowHeight);
  const ctx = canvas.getContext('2d')!;
  ctx.font = `700 ${FONT_SIZE * ratio}px Sarabun, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  ctx.lineWidth = halo * 2 * ratio;
  ctx.strokeStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillStyle = '#1d1d1f';
  const mapping: Atlas['mapping'] = {};
  names.forEach((name, i) => {
    const s = spots[i];
    const tx = s.x + (halo + 1) * ratio;
    const ty = s.y + rowHeight / 2;
    ctx.strokeText(name, tx, ty);
    ctx.fillText(name, tx, ty);
    mapping[String(i)] = { ...s, anchorX: s.width / 2, anchorY: s.height / 2 };
  });
  return { canvas, mapping, height: rowHeight / ratio };
}

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Greedy placement: in the given order, keep each box that lies inside the view and touches no box
 * kept before it. Pure, so it is tested without a map.
 */
export function placeWithoutCollisions<T>(items: readonly T[], boxOf: (item: T) => Box | null, view: Box, max = MAX_LABELS): T[] {
  const kept: Box[] = [];
  const out: T[] = [];
  for (const item of items) {
    const b = boxOf(item);
    if (!b || b.x0 < view.x0 || b.y0 < view.y0 || b.x1 > view.x1 || b.y1 > view.y1) continue;
    if (kept.some((k) => overlaps(k, b))) continue;
    kept.push(b);
    out.push(item);
    if (out.length >= max) break;
  }
  return out;
}

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(text: string): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * FONT_SIZE * 0.6;
  measurer.font = FONT;
  return measurer.measureText(text).width;
}

export class AreaLabels {
  private asked = 0;

  constructor(
    private readonly map: MapLibreMap,
    private readonly levels: () => readonly LevelBand[],
    private readonly lang: () => Lang,
    /** Names come after the first painted choropleth: neither their fetch nor their font may delay it. */
    private readonly after: Promise<void>,
  ) {
    map.on('moveend', () => void this.update());
  }

  async update(): Promise<void> {
    const mine = ++this.asked;
    await this.after;
    const levels = this.levels();
    if (!levels.length || mine !== this.asked) return;
    const level = levelAtZoom(levels, this.map.getZoom());
    const b = this.map.getBounds();
    const round = (v: number, up: boolean) => (up ? Math.ceil(v * 10) : Math.floor(v * 10)) / 10;
    // a box rounded outwards to 0.1°, so small moves ask the browser cache, not the server
    const bbox = [round(b.getWest(), false), round(b.getSouth(), false), round(b.getEast(), true), round(b.getNorth(), true)]
      .map((v, i) => Math.max(i % 2 ? -85 : -180, Math.min(i % 2 ? 85 : 180, v)));
    let labels: AreaLabel[];
    try {
      [labels] = await Promise.all([fetchLabels(level, bbox.join(',')).then((r) => r.items), document.fonts.load(FONT, 'กขabc')]);
    } catch {
      return; // no names this time; the choropleth and its tooltip still say which area is which
    }
    if (mine !== this.asked) return;
    const lang = this.lang();
    const canvas = this.map.getCanvas();
    const view: Box = { x0: 0, y0: 0, x1: canvas.clientWidth, y1: canvas.clientHeight };
    const placed = placeWithoutCollisions(labels.map((label) => ({ label, text: (lang === 'en' && label.name_en) || label.name_th })), (p) => {
      const at = this.map.project([p.label.lon, p.label.lat]);
      const half = textWidth(p.text) / 2 + GAP;
      return { x0: at.x - half, y0: at.y - FONT_SIZE / 2 - GAP, x1: at.x + half, y1: at.y + FONT_SIZE / 2 + GAP };
    }, view);
    const { IconLayer } = await import('@deck.gl/layers');
    if (mine !== this.asked) return;
    const atlas = drawAtlas(placed.map((p) => p.text));
    const indexed = placed.map((p, i) => ({ ...p, icon: String(i) }));
    await setDeckLayers(this.map, 'labels', [
      new IconLayer<Placed & { icon: string }>({
        id: `area-names-${mine}`,
        data: indexed,
        iconAtlas: atlas.canvas as unknown as string,
        iconMapping: atlas.mapping,
        getIcon: (p) => p.icon,
        getPosition: (p) => [p.label.lon, p.label.lat],
        getSize: atlas.height,
        sizeUnits: 'pixels',
      }),
    ]);
    const el = this.map.getContainer();
    el.dataset.labels = String(placed.length);
    el.dataset.labelNames = placed.map((p) => p.text).join('|');
  }
}
