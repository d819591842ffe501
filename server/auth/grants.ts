/** Whether a user's area grants cover an area: a grant covers the area itself and all inside it. */
import type { User } from './users.js';

export interface AreaPath {
  code: string;
  province_code: string;
  district_code: string | null;
  subdistrict_code: string | null;
}

export function grantCovers(user: Pick<User, 'role' | 'grants'>, area: AreaPath | 'TH'): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'analyst') return false;
  if (user.grants.includes('TH')) return true;
  if (area === 'TH') return false;
  const path = [area.code, area.province_code, area.district_code, area.subdistrict_code];
  return user.grants.some((g) => path.includes(g));
}
