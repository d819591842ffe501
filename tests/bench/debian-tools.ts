/**
 * The outside programs the load benchmarks drive, from Debian: wrk (the load generator) and nginx
 * (the static-file server the tile cache is compared with). Installed with apt-get on first use when
 * missing, like the database packages (server/cli/apt.ts), so `npm run bench` runs on a fresh machine.
 */
import fs from 'node:fs';
import { ensureDebianPackages } from '../../server/cli/apt.js';

export const WRK = '/usr/bin/wrk';
export const NGINX = '/usr/sbin/nginx';

export function ensureWrk(): void {
  ensureDebianPackages({ what: 'wrk (HTTP load generator)', packages: ['wrk'], present: () => fs.existsSync(WRK) });
}

export function ensureNginx(): void {
  // nginx-light: the static server alone; the bench runs its own instance on a free port
  ensureDebianPackages({ what: 'nginx (static file server)', packages: ['nginx-light'], present: () => fs.existsSync(NGINX) });
}
