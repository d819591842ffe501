/**
 * A table of labels in Thai and English, and the function that reads one. The start-up labels
 * (messages.ts) and those of each screen loaded on demand (the dashboard, the hand-off section) are
 * separate tables, so a screen's labels arrive with its own chunk.
 */
import type { Lang } from '../state/url-state.js';

export type MessageTable = Record<string, Record<Lang, string>>;

/** The label of `key` in `lang`; keys are checked at compile time against the table. */
export function labelsOf<T extends MessageTable>(table: T): (key: keyof T, lang: Lang) => string {
  return (key, lang) => table[key][lang];
}
