// The part of pg-copy-streams povmap uses (the package ships no types).
declare module 'pg-copy-streams' {
  import type { Readable } from 'node:stream';
  export interface CopyToStreamQuery extends Readable {
    /** Rows sent, known once the COPY has finished. */
    rowCount: number;
  }
  export function to(sql: string): CopyToStreamQuery;
}
