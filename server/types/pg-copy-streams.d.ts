// The part of pg-copy-streams povmap uses (the package ships no types).
declare module 'pg-copy-streams' {
  import type { Readable, Writable } from 'node:stream';
  import type { Submittable } from 'pg';
  export interface CopyToStreamQuery extends Readable {
    /** Rows sent, known once the COPY has finished. */
    rowCount: number;
  }
  export function to(sql: string): CopyToStreamQuery;
  export interface CopyFromStreamQuery extends Writable, Submittable {
    /** Rows received, known once the COPY has finished. */
    rowCount: number;
  }
  export function from(sql: string): CopyFromStreamQuery;
}
