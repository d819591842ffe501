/**
 * Symbols for schools and clinics, drawn on a canvas at start-up and registered as map images, so
 * no sprite sheet is fetched. Shapes differ as well as colours (square, cross, circle) for readers
 * who cannot tell the colours apart.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export type ServiceKind = 'school' | 'hospital' | 'health_promoting_hospital';
export const SERVICE_KINDS: readonly ServiceKind[] = ['school', 'hospital', 'health_promoting_hospital'];
export const SERVICE_COLORS: Record<ServiceKind, string> = { school: '#1f5fbf', hospital: '#c0141c', health_promoting_hospital: '#138a3c' };

const SIZE = 22;
const RATIO = 2;

function draw(kind: ServiceKind, ctx: CanvasRenderingContext2D): void {
  const s = SIZE * RATIO;
  const c = SERVICE_COLORS[kind];
  ctx.lineWidth = 2 * RATIO;
  ctx.strokeStyle = '#ffffff';
  ctx.fillStyle = c;
  if (kind === 'school') {
    // A house with a pointed roof: a school building.
    ctx.beginPath();
    ctx.moveTo(s / 2, 2 * RATIO);
    ctx.lineTo(s - 2 * RATIO, s * 0.42);
    ctx.lineTo(s - 4 * RATIO, s * 0.42);
    ctx.lineTo(s - 4 * RATIO, s - 2 * RATIO);
    ctx.lineTo(4 * RATIO, s - 2 * RATIO);
    ctx.lineTo(4 * RATIO, s * 0.42);
    ctx.lineTo(2 * RATIO, s * 0.42);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(s * 0.42, s * 0.6, s * 0.16, s * 0.3);
  } else {
    if (kind === 'hospital') {
      ctx.beginPath();
      ctx.rect(2 * RATIO, 2 * RATIO, s - 4 * RATIO, s - 4 * RATIO);
    } else {
      ctx.beginPath();
      ctx.arc(s / 2, s / 2, s / 2 - 2 * RATIO, 0, Math.PI * 2);
    }
    ctx.fill();
    ctx.stroke();
    ctx.fillStyle = '#ffffff';
    const arm = s * (kind === 'hospital' ? 0.16 : 0.12);
    const len = s * (kind === 'hospital' ? 0.62 : 0.5);
    ctx.fillRect(s / 2 - arm / 2, s / 2 - len / 2, arm, len);
    ctx.fillRect(s / 2 - len / 2, s / 2 - arm / 2, len, arm);
  }
}

export function iconCanvas(kind: ServiceKind): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = SIZE * RATIO;
  draw(kind, canvas.getContext('2d')!);
  return canvas;
}

export function iconName(kind: ServiceKind): string {
  return `service-${kind}`;
}

export function addServiceIcons(map: MapLibreMap): void {
  for (const kind of SERVICE_KINDS) {
    if (map.hasImage(iconName(kind))) continue;
    const canvas = iconCanvas(kind);
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    map.addImage(iconName(kind), { width: canvas.width, height: canvas.height, data: new Uint8Array(data.data.buffer) }, { pixelRatio: RATIO });
  }
}
