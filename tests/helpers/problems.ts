/** Bad-input tables: each request must answer a problem+json with the status and the parameter named. */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export type ProblemCase = readonly [url: string, status: number, parameter: string];

export async function expectProblems(app: FastifyInstance, cases: readonly ProblemCase[]): Promise<void> {
  for (const [url, status, parameter] of cases) {
    const res = await app.inject(url);
    expect(res.statusCode, url).toBe(status);
    expect(res.headers['content-type'], url).toMatch(/application\/problem\+json/);
    const body = res.json();
    expect(body.parameter, url).toBe(parameter);
    expect(res.body, url).not.toMatch(/select |from household|syntax error|violates/i); // no SQL leaks out
  }
}
