/**
 * The nearest-service search of the distances (server/access/nearest.ts) against measuring every
 * service from every point (written here, not the production search), on services placed to make
 * it hard: dense clusters, sparse country, two services at one spot (the tie goes to the smaller id),
 * points on a service, far outside the services and near a pole, and a pair the plane ranks the other
 * way round. And the rows it writes.
 */
import { describe, expect, it } from 'vitest';
import { writeMeasuredRow } from '../../server/access/measured-rows.js';
import { copyTextChunks } from '../../server/db/copy-text.js';
import { geodesicMetres, NearestSearch, servicePoints, serviceSet, type Nearest } from '../../server/access/nearest.js';

/** A small deterministic generator (mulberry32), so a failure can be run again. */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Point = { id: number; lon: number; lat: number };

function bruteForce(services: Point[], lon: number, lat: number): Nearest {
  let best: Nearest = { id: 0, metres: Infinity };
  for (const s of services) {
    const metres = geodesicMetres(lon, lat, s.lon, s.lat);
    if (metres < best.metres || (metres === best.metres && s.id < best.id)) best = { id: s.id, metres };
  }
  return best;
}

const rand = uniform(20261205);
const services: Point[] = [];
// sparse over the country, and three dense clusters (a city's schools)
for (let i = 0; i < 1500; i++) services.push({ id: 0, lon: 97.5 + 8 * rand(), lat: 6 + 14 * rand() });
for (const [lon, lat] of [[100.5, 13.75], [102.8, 16.4], [98.98, 18.79]])
  for (let i = 0; i < 400; i++) services.push({ id: 0, lon: lon + (rand() - 0.5) * 0.1, lat: lat + (rand() - 0.5) * 0.1 });
// ids not in the order of the points, and two services sharing a spot twice over
services.forEach((s, i) => { s.id = 10 + ((i * 7919) % 100_003); });
services.push({ id: 5, lon: services[17].lon, lat: services[17].lat }, { id: 999_999, lon: services[900].lon, lat: services[900].lat });

describe('the nearest service', () => {
  const set = serviceSet(servicePoints(services));

  it('equals measuring every service, for points near and far, in any order', () => {
    const search = new NearestSearch(set);
    const points: Array<[number, number]> = [];
    for (let i = 0; i < 1000; i++) points.push([97.5 + 8 * rand(), 6 + 14 * rand()]);
    for (let i = 0; i < 500; i++) points.push([100.5 + (rand() - 0.5) * 0.12, 13.75 + (rand() - 0.5) * 0.12]);
    // on a service (0 m), on the two shared spots (ties), far east of every service, by the pole
    points.push([services[3].lon, services[3].lat], [services[17].lon, services[17].lat], [services[900].lon, services[900].lat],
      [140, 35], [100, 89.5], [100, -30]);
    // a far point right after a near one and back: the remembered radius must not cut a search short
    points.push([100.5, 13.75], [130, 10], [100.5, 13.75]);
    const got: Nearest = { id: 0, metres: 0 };
    let checked = 0;
    for (const [lon, lat] of points) {
      search.find(lon, lat, got);
      expect({ lon, lat, ...got }).toEqual({ lon, lat, ...bruteForce(services, lon, lat) });
      checked += 1;
    }
    expect(checked).toBe(1509);
  });

  it('gives a tie to the smaller id and a point on a service 0 m', () => {
    const search = new NearestSearch(set);
    const got: Nearest = { id: 0, metres: 0 };
    expect(search.find(services[17].lon, services[17].lat, got)).toEqual({ id: 5, metres: 0 });
    expect(search.find(services[900].lon, services[900].lat, got)).toEqual({ id: services[900].id, metres: 0 });
  });

  it('measures a service the plane ranks second when the ellipsoid ranks it first', () => {
    // at 14° N a unit of the scaled plane (k·λ, φ) is about 0.66 % longer eastward (N) than
    // northward (M): a service due north 0.4 % farther on the plane is the nearer on the ellipsoid
    const [lon, lat, d] = [100, 14, 0.05];
    const k = Math.cos(lat * Math.PI / 180);
    const two = [{ id: 1, lon: lon + d / k, lat }, { id: 2, lon, lat: lat + d * 1.004 }];
    expect(geodesicMetres(lon, lat, two[1].lon, two[1].lat)).toBeLessThan(geodesicMetres(lon, lat, two[0].lon, two[0].lat));
    expect(new NearestSearch(serviceSet(servicePoints(two))).find(lon, lat, { id: 0, metres: 0 })).toEqual(bruteForce(two, lon, lat));
    expect(bruteForce(two, lon, lat).id).toBe(2);
  });

  it('finds nothing among no services', () => {
    expect(new NearestSearch(serviceSet(servicePoints([]))).find(100, 14, { id: 1, metres: 1 })).toEqual({ id: 0, metres: Infinity });
  });
});

describe('a measured row', () => {
  const search = new NearestSearch(serviceSet(servicePoints(services)));
  // the line in the middle of the COPY text, as the measuring reads it
  const measuredRow = (line: string, schools: NearestSearch, clinics: NearestSearch) => {
    const before = '2022\t1\n';
    const text = Buffer.from(`${before}${line}\n2024\t2`);
    const chunks = copyTextChunks([{ text, start: before.length, end: before.length + line.length }],
      (row, emit) => writeMeasuredRow(row, schools, clinics, emit));
    return Buffer.concat([...chunks]).toString('utf8');
  };
  const head = '2023\t300101000101\t30\t3001\t300101\t30010101\t4\tt';
  // a point as PostgreSQL writes a geometry(Point, 4326) in COPY text: hex EWKB, little-endian
  const ewkb = (lon: number, lat: number) => {
    const b = Buffer.alloc(25);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(0x20000001, 1);
    b.writeUInt32LE(4326, 5);
    b.writeDoubleLE(lon, 9);
    b.writeDoubleLE(lat, 17);
    return b.toString('hex').toUpperCase();
  };

  it('keeps the line as it came and adds the nearest school and clinic of its point', () => {
    const [lon, lat] = [102.1, 14.97];
    const nearest = bruteForce(services, lon, lat);
    const line = `${head}\t${ewkb(lon, lat)}`;
    expect(measuredRow(line, search, search)).toBe(`${line}\t${nearest.id}\t${nearest.metres}\t${nearest.id}\t${nearest.metres}\n`);
  });

  it('leaves a household without a location, or at an empty point, without distances', () => {
    expect(measuredRow(`${head}\t\\N`, search, search)).toBe(`${head}\t\\N\t\\N\t\\N\t\\N\t\\N\n`);
    const empty = `${head}\t${ewkb(NaN, NaN)}`;
    expect(measuredRow(empty, search, search)).toBe(`${empty}\t\\N\t\\N\t\\N\t\\N\n`);
  });

  it('refuses a line without a point', () => {
    expect(() => measuredRow('2023', search, search)).toThrow(/without its point/);
    expect(() => measuredRow(`${head}\t102.1`, search, search)).toThrow(/not the hex EWKB of a 2-d point/);
  });
});
