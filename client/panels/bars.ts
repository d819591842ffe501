/** Horizontal bar lists: a label, a bar scaled to the largest value (or to a share), and the figure. */
import { h } from '../dom.js';

export interface Bar {
  label: string;
  value: number;
  /** What to print beside the bar. */
  text: string;
  /** 0..1 bar length; defaults to value / max(values). */
  fraction?: number;
  color?: string;
  /** The figure is withheld (a count of 1-4): no bar is drawn, the text says so. */
  withheld?: boolean;
}

export function bars(bars: Bar[], testId?: string): HTMLElement {
  const max = Math.max(1e-12, ...bars.map((b) => b.value));
  return h('ul', { class: 'bars', 'data-testid': testId },
    ...bars.map((b) => {
      const f = Math.max(0, Math.min(1, b.fraction ?? b.value / max));
      return h('li', b.withheld ? { class: 'withheld' } : {},
        h('span', { class: 'bar-label', title: b.label }, b.label),
        h('span', { class: 'bar-track' }, b.withheld ? null : h('span', { class: 'bar-fill', style: `width:${(f * 100).toFixed(1)}%${b.color ? `;background:${b.color}` : ''}` })),
        h('span', { class: 'bar-value' }, b.text),
      );
    }),
  );
}
