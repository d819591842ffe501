/**
 * The kinds of import file and the shape of a format (server/imports/formats.ts describes each):
 * types only, in a file of their own so the format lists (formats.ts, context-formats.ts) can both
 * name them without importing each other.
 */
export type ImportKind = 'households' | 'assistance' | 'persons' | 'menu' | 'results' | 'registry' | AreaContextKind;
export type AreaContextKind = 'economy' | 'hai' | 'centre_staff' | 'projects' | 'otop';

/**
 * The refresh a merge that changed rows owes the published figures (import_refresh_pending.kind):
 * households rebuild every rollup, persons the people's rollup, logbook entries (also those an
 * agency's result file writes) the logbook's, the menu its matches and needs, a registry the registry
 * figures (target groups 3.2 and 4); the area context files change no published figure.
 */
export type RefreshKind = 'households' | 'assistance' | 'persons' | 'menu' | 'registry';

export interface ImportFormat {
  kind: ImportKind;
  /** What the file is, for the upload route's summary. */
  title: string;
  /** The refresh a merge that changed rows owes (RefreshKind above), or null when nothing derived rests on the file. */
  refreshes: RefreshKind | null;
  /** Staged columns, in staging-table order, with a line of documentation each. */
  columns: Array<{ name: string; doc: string; optional?: boolean }>;
  /** Accepted in the header and not read. */
  ignored: string[];
}
