/**
 * Where each province's capital town (อำเภอเมือง) lies, to two decimals of a degree (about 1 km).
 * The synthetic geometry grows province cells around these points, so the provinces sit where they
 * really are, and the Mueang district (code xx01) of each province contains its capital.
 */
export const PROVINCE_CAPITALS: Record<string, [lon: number, lat: number]> = {
  '10': [100.5, 13.75], // Bangkok
  '11': [100.6, 13.6], // Samut Prakan
  '12': [100.51, 13.86], // Nonthaburi
  '13': [100.53, 14.02], // Pathum Thani
  '14': [100.57, 14.35], // Phra Nakhon Si Ayutthaya
  '15': [100.45, 14.59], // Ang Thong
  '16': [100.65, 14.8], // Lop Buri
  '17': [100.4, 14.89], // Sing Buri
  '18': [100.13, 15.19], // Chai Nat
  '19': [100.91, 14.53], // Saraburi
  '20': [100.98, 13.36], // Chon Buri
  '21': [101.28, 12.68], // Rayong
  '22': [102.1, 12.61], // Chanthaburi
  '23': [102.52, 12.24], // Trat
  '24': [101.07, 13.69], // Chachoengsao
  '25': [101.37, 14.05], // Prachin Buri
  '26': [101.21, 14.21], // Nakhon Nayok
  '27': [102.07, 13.82], // Sa Kaeo
  '30': [102.1, 14.97], // Nakhon Ratchasima
  '31': [103.1, 14.99], // Buri Ram
  '32': [103.49, 14.88], // Surin
  '33': [104.32, 15.12], // Si Sa Ket
  '34': [104.85, 15.24], // Ubon Ratchathani
  '35': [104.15, 15.79], // Yasothon
  '36': [102.03, 15.81], // Chaiyaphum
  '37': [104.63, 15.86], // Amnat Charoen
  '38': [103.65, 18.36], // Bueng Kan
  '39': [102.44, 17.2], // Nong Bua Lam Phu
  '40': [102.84, 16.43], // Khon Kaen
  '41': [102.79, 17.41], // Udon Thani
  '42': [101.72, 17.49], // Loei
  '43': [102.74, 17.88], // Nong Khai
  '44': [103.3, 16.18], // Maha Sarakham
  '45': [103.65, 16.05], // Roi Et
  '46': [103.51, 16.43], // Kalasin
  '47': [104.15, 17.16], // Sakon Nakhon
  '48': [104.78, 17.41], // Nakhon Phanom
  '49': [104.72, 16.54], // Mukdahan
  '50': [98.98, 18.79], // Chiang Mai
  '51': [99.01, 18.58], // Lamphun
  '52': [99.49, 18.29], // Lampang
  '53': [100.1, 17.62], // Uttaradit
  '54': [100.14, 18.14], // Phrae
  '55': [100.77, 18.78], // Nan
  '56': [99.9, 19.17], // Phayao
  '57': [99.83, 19.91], // Chiang Rai
  '58': [97.97, 19.3], // Mae Hong Son
  '60': [100.14, 15.7], // Nakhon Sawan
  '61': [100.02, 15.38], // Uthai Thani
  '62': [99.52, 16.48], // Kamphaeng Phet
  '63': [99.13, 16.88], // Tak
  '64': [99.82, 17.01], // Sukhothai
  '65': [100.26, 16.82], // Phitsanulok
  '66': [100.35, 16.44], // Phichit
  '67': [101.16, 16.42], // Phetchabun
  '70': [99.81, 13.54], // Ratchaburi
  '71': [99.53, 14.02], // Kanchanaburi
  '72': [100.12, 14.47], // Suphan Buri
  '73': [100.06, 13.82], // Nakhon Pathom
  '74': [100.27, 13.55], // Samut Sakhon
  '75': [100.0, 13.41], // Samut Songkhram
  '76': [99.94, 13.11], // Phetchaburi
  '77': [99.8, 11.81], // Prachuap Khiri Khan
  '80': [99.96, 8.43], // Nakhon Si Thammarat
  '81': [98.91, 8.09], // Krabi
  '82': [98.53, 8.45], // Phangnga
  '83': [98.39, 7.89], // Phuket
  '84': [99.33, 9.14], // Surat Thani
  '85': [98.64, 9.96], // Ranong
  '86': [99.18, 10.49], // Chumphon
  '90': [100.6, 7.19], // Songkhla
  '91': [100.07, 6.62], // Satun
  '92': [99.61, 7.56], // Trang
  '93': [100.08, 7.62], // Phatthalung
  '94': [101.25, 6.87], // Pattani
  '95': [101.28, 6.54], // Yala
  '96': [101.82, 6.43], // Narathiwat
};

/** Regions used to shape the synthetic poverty surface. */
export function regionOf(provinceCode: string): 'bangkok' | 'central' | 'east' | 'northeast' | 'north' | 'west' | 'south' | 'deep_south' {
  const c = Number(provinceCode);
  if (c === 10) return 'bangkok';
  if (c >= 11 && c <= 19) return 'central';
  if (c >= 20 && c <= 27) return 'east';
  if (c >= 30 && c <= 49) return 'northeast';
  if (c >= 50 && c <= 67) return 'north';
  if (c >= 70 && c <= 77) return 'west';
  if (c >= 94 && c <= 96) return 'deep_south';
  return 'south';
}
