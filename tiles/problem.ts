/**
 * The error tiles throw for a request it refuses (bad address, unknown layer or year, database
 * unavailable). tiles/ does not know the server's error handler; it only promises the shape that
 * handler renders as application/problem+json: a `status`, the `message` as the detail, and `extra`
 * members (here the `parameter` at fault).
 */
export class TileProblem extends Error {
  readonly extra: { parameter?: string };

  constructor(readonly status: number, detail: string, parameter?: string) {
    super(detail);
    this.extra = parameter === undefined ? {} : { parameter };
  }
}
