/**
 * Real names and geocodes of provinces, districts and subdistricts from thai-address-database 0.0.30
 * (database/backup/geodb.json), with English names from thai-address-universal where it knows them.
 *
 * The package stores its tree compressed with a word dictionary; the decoding below follows the
 * package's own `preprocess`. The tree, not the code prefix, says who a subdistrict's parent is: some
 * official subdistrict codes predate a district split. A subdistrict listed under two districts (the
 * package repeats it per postal code) is kept once, under the district its code prefix names when
 * that is one of them.
 *
 * Gaps in the package, filled here and counted in `source`: Bueng Kan is stored under a made-up code
 * 97 with no district or subdistrict codes (official: 38, districts 3801-3808); two newer districts
 * have no code (official 4504 and 5025); and about 120 subdistricts have no code, so they get the next
 * free number inside their district.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { getDistricts, getProvinces, getSubDistricts } from 'thai-address-universal';

export interface AreaName {
  code: string;
  parent_code: string | null;
  name_th: string;
  name_en: string | null;
}

export interface AdminNames {
  provinces: AreaName[];
  districts: AreaName[];
  subdistricts: AreaName[];
  source: string;
}

const PROVINCE_CODE_FIXES: Record<string, string> = { '97': '38' };
const ENGLISH_FIXES: Record<string, string> = { '38': 'Bueng Kan' };
const DISTRICT_CODES_BY_NAME: Record<string, [code: string, name_en: string]> = {
  'เมืองบึงกาฬ': ['3801', 'Mueang Bueng Kan'], 'พรเจริญ': ['3802', 'Phon Charoen'], 'โซ่พิสัย': ['3803', 'So Phisai'],
  'เซกา': ['3804', 'Seka'], 'ปากคาด': ['3805', 'Pak Khat'], 'บึงโขงหลง': ['3806', 'Bueng Khong Long'],
  'ศรีวิไล': ['3807', 'Si Wilai'], 'บุ่งคล้า': ['3808', 'Bung Khla'],
  'จตุรพักตร์พิมาน': ['4504', 'Chaturaphak Phiman'], 'กัลยาณิวัฒนา': ['5025', 'Galyani Vadhana'],
};

type Packed = [string | number, number, Packed[]] | [string | number, number, number];

export async function loadAdminNames(): Promise<AdminNames> {
  const require = createRequire(import.meta.url);
  const file = require.resolve('thai-address-database/database/backup/geodb.json');
  const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as { data: Packed[]; lookup: string; words: string };
  const lookup = raw.lookup.split('|');
  const words = raw.words.split('|');
  const text = (v: string | number) =>
    (typeof v === 'number' ? lookup[v] : v).replace(/[A-Z]/gi, (m) => {
      const ch = m.charCodeAt(0);
      return words[ch < 97 ? ch - 65 : 26 + ch - 97];
    });

  const english = await englishNames();
  const provinces: AreaName[] = [];
  const districts: AreaName[] = [];
  const subdistrictParents = new Map<string, { name_th: string; parents: string[] }>();
  const uncoded: Array<{ district: string; name_th: string }> = [];
  let fixedDistricts = 0;
  for (const [pName, pCode, ds] of raw.data as Array<[string | number, number, Packed[]]>) {
    const p = PROVINCE_CODE_FIXES[String(pCode)] ?? String(pCode);
    provinces.push({ code: p, parent_code: null, name_th: text(pName), name_en: english.get(p) ?? ENGLISH_FIXES[p] ?? null });
    for (const [dName, dCode, ss] of ds as Array<[string | number, number, Packed[]]>) {
      const dThai = text(dName);
      const d = dCode ? String(dCode) : DISTRICT_CODES_BY_NAME[dThai]?.[0];
      if (!d) throw new Error(`district ${dThai} of province ${p} has no code and none is known`);
      if (!dCode) fixedDistricts++;
      districts.push({ code: d, parent_code: p, name_th: dThai, name_en: english.get(d) ?? english.get(`${p}:${dThai}`) ?? DISTRICT_CODES_BY_NAME[dThai]?.[1] ?? null });
      for (const [sName, sCode] of ss as Array<[string | number, number, number]>) {
        if (!sCode) {
          uncoded.push({ district: d, name_th: text(sName) });
          continue;
        }
        const s = String(sCode);
        const entry = subdistrictParents.get(s) ?? { name_th: text(sName), parents: [] };
        entry.parents.push(d);
        subdistrictParents.set(s, entry);
      }
    }
  }
  for (const u of uncoded) {
    if ([...subdistrictParents.values()].some((e) => e.parents.includes(u.district) && e.name_th === u.name_th)) continue;
    let n = 1;
    while (subdistrictParents.has(`${u.district}${String(n).padStart(2, '0')}`)) n++;
    if (n > 99) throw new Error(`no free subdistrict code left in district ${u.district}`);
    subdistrictParents.set(`${u.district}${String(n).padStart(2, '0')}`, { name_th: u.name_th, parents: [u.district] });
  }
  const subdistricts = [...subdistrictParents].map(([code, { name_th, parents }]) => {
    const parent = parents.includes(code.slice(0, 4)) ? code.slice(0, 4) : parents[0];
    return { code, parent_code: parent, name_th, name_en: english.get(code) ?? english.get(`${parent}:${name_th}`) ?? null };
  });
  const byCode = (a: AreaName, b: AreaName) => a.code.localeCompare(b.code);
  return {
    provinces: provinces.sort(byCode),
    districts: districts.sort(byCode),
    subdistricts: subdistricts.sort(byCode),
    source:
      `thai-address-database 0.0.30 (geodb.json), English names from thai-address-universal; ` +
      `codes filled in for 1 province, ${fixedDistricts} districts and ${uncoded.length} subdistricts the package leaves uncoded`,
  };
}

/** English names by geocode, and for subdistricts also by "districtCode:Thai name". */
async function englishNames(): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const p of await getProvinces()) {
    names.set(p.code, p.nameEn);
    for (const d of await getDistricts(p.code)) {
      names.set(d.code, d.nameEn);
      names.set(`${p.code}:${d.nameTh}`, d.nameEn);
      for (const s of await getSubDistricts(d.code)) {
        if (!names.has(s.code)) names.set(s.code, s.nameEn);
        names.set(`${d.code}:${s.nameTh}`, s.nameEn);
      }
    }
  }
  return names;
}
