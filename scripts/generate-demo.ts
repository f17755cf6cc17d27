// Generates the demo content in fixtures/demo/ (committed; run again only to change it):
//   node --import tsx scripts/generate-demo.ts
// Seeded, so the same code gives the same files. Every feature is invented and says so
// (demo: true, source 'demo', "(demo)" in the name, description "Contenuto dimostrativo — …"),
// placed at random inside the real statistical zones of Turin and the CIdiS municipalities
// (fixtures/territory) in proportion to their population, with a floor so every municipality
// has some. Real schools from OpenStreetMap (fixtures/osm/schools.geojson, ODbL 1.0) are added
// as places of category `scuola`, with their attribution. No person's name is invented;
// e-mail and web addresses use the reserved example.org domain; no phone numbers.
import fs from 'node:fs'
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'

type Poly = { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] }
interface Area {
  name: string
  municipality: string
  population: number
  geometry: Poly
}

const OUT = 'fixtures/demo/'
const MARK = 'Contenuto dimostrativo —'
const OSM_ATTRIBUTION = '© OpenStreetMap contributors, ODbL 1.0'

// mulberry32: a small seeded generator.
let seed = 20240611
function rand(): number {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
const round7 = (n: number) => Math.round(n * 1e7) / 1e7

function read(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: Record<string, unknown>; geometry: Poly & { coordinates: never } }[]
  }
}

const zones: Area[] = read('fixtures/territory/zone_statistiche.geojson').features.map((f) => ({
  name: String(f.properties.name)
    .replace(/\s*\(.*\)$/, '')
    .split(' - ')[0]!,
  municipality: 'Torino',
  population: Number(f.properties.pop_2023_anagrafe) || 0,
  geometry: f.geometry,
}))
const cidis: Area[] = read('fixtures/territory/torino_cidis_comuni.geojson')
  .features.filter((f) => f.properties.cidis === true)
  .map((f) => ({
    name: String(f.properties.name),
    municipality: String(f.properties.name),
    population: Number(f.properties.pop_res_2021),
    geometry: f.geometry,
  }))

const municipalities = read('fixtures/territory/torino_cidis_comuni.geojson').features.map((f) => ({
  name: String(f.properties.name),
  geometry: f.geometry as Poly,
}))
const municipalityOf = (a: Area) => municipalities.find((m) => m.name === a.municipality)!

function bboxOf(g: Poly): [number, number, number, number] {
  const b: [number, number, number, number] = [180, 90, -180, -90]
  const visit = (v: unknown): void => {
    if (typeof (v as number[])[0] === 'number') {
      const [x, y] = v as [number, number]
      b[0] = Math.min(b[0], x)
      b[1] = Math.min(b[1], y)
      b[2] = Math.max(b[2], x)
      b[3] = Math.max(b[3], y)
    } else (v as unknown[]).forEach(visit)
  }
  visit(g.coordinates)
  return b
}

function pointIn(area: Area): [number, number] {
  const [w, s, e, n] = bboxOf(area.geometry)
  for (;;) {
    const p: [number, number] = [round7(w + rand() * (e - w)), round7(s + rand() * (n - s))]
    // Zones come from the city, municipalities from ISTAT: their edges differ by metres, and a
    // point must lie inside both.
    const inMunicipality = booleanPointInPolygon(p, municipalityOf(area).geometry as never)
    if (inMunicipality && booleanPointInPolygon(p, area.geometry as never)) return p
  }
}

/** `total` items spread over areas by population, each CIdiS municipality getting `floor`. */
function allocate(total: number, floor: number): Area[] {
  const out: Area[] = []
  for (const m of cidis) for (let i = 0; i < floor; i++) out.push(m)
  const all = [...zones, ...cidis]
  const pop = all.reduce((a, z) => a + z.population, 0)
  const rest = total - out.length
  // Largest remainder, so the counts add up exactly.
  const shares = all.map((a) => ({ a, q: (a.population / pop) * rest }))
  for (const s of shares) for (let i = 0; i < Math.floor(s.q); i++) out.push(s.a)
  shares.sort((x, y) => (y.q % 1) - (x.q % 1))
  for (let i = 0; out.length < total; i++) out.push(shares[i]!.a)
  return out
}

const STREETS = [
  'Via dei Tigli',
  'Via delle Acacie',
  'Via dei Glicini',
  'Via delle Rose',
  'Via dei Mughetti',
  'Via delle Betulle',
  'Via dei Castagni',
  'Via delle Viole',
  'Piazza del Mercato',
  'Via dei Gelsi',
  'Via delle Querce',
  'Via del Fiume',
  'Via della Fontana',
  'Via degli Orti',
]
const address = (a: Area) => `${pick(STREETS)} ${1 + Math.floor(rand() * 80)}, ${a.municipality}`

const PLACE_KINDS = [
  [
    'casa_del_quartiere',
    (a: Area) => `Casa del Quartiere di ${a.name}`,
    'Spazio aperto a tutte e tutti: corsi, feste, sportelli e una cucina comune.',
  ],
  [
    'orto_giardino',
    () => `Orto condiviso ${pick(STREETS)}`,
    'Parcelle coltivate da famiglie e pensionati del quartiere; si scambiano semi e ricette.',
  ],
  [
    'biblioteca',
    (a: Area) => `Biblioteca di quartiere ${a.name}`,
    'Prestito libri, lettura ad alta voce per bambini, postazioni internet gratuite.',
  ],
  [
    'negozio_amico',
    (a: Area) => `Negozio amico – alimentari di ${a.name}`,
    'Il negoziante conosce i clienti anziani, tiene la spesa sospesa e fa da punto di riferimento.',
  ],
  [
    'oratorio',
    (a: Area) => `Oratorio parrocchiale di ${a.name}`,
    'Cortile aperto ai ragazzi il pomeriggio, doposcuola e estate ragazzi.',
  ],
  [
    'bar_edicola',
    () => `Bar-edicola di ${pick(STREETS)}`,
    'Qui ci si incontra la mattina; in bacheca gli avvisi del quartiere.',
  ],
  [
    'sala_comunale',
    (a: Area) => `Sala comunale di ${a.name}`,
    'Sala per assemblee, incontri delle associazioni e laboratori.',
  ],
  [
    'spazio_aperto',
    () => `Giardino di ${pick(STREETS)}`,
    'Panchine, giochi per bambini, un posto dove passare il pomeriggio.',
  ],
  [
    'altro',
    (a: Area) => `Ciclofficina popolare ${a.name}`,
    'Si impara ad aggiustare la bicicletta insieme, a offerta libera.',
  ],
] as const

const STORIES = [
  'Nato da un gruppo di vicini che si trovava in cortile, oggi è un punto di ritrovo per molte famiglie.',
  "Durante la mappatura non convenzionale è stato indicato come un luogo dove 'ci si sente a casa'.",
  'Un tempo qui c’era una bottega artigiana; il quartiere ha chiesto di farne uno spazio comune.',
  'Nel focus group è emerso come luogo di incontro tra generazioni.',
]

type Feature = {
  type: 'Feature'
  properties: Record<string, unknown>
  geometry: { type: 'Point'; coordinates: [number, number] }
}
const feature = (properties: Record<string, unknown>, coordinates: [number, number]): Feature => ({
  type: 'Feature',
  properties: { demo: true, source: 'demo', ...properties },
  geometry: { type: 'Point', coordinates },
})

const places: Feature[] = []
allocate(120, 3).forEach((area, i) => {
  const [category, name, text] = PLACE_KINDS[i % PLACE_KINDS.length]!
  places.push(
    feature(
      {
        external_id: `demo-place-${String(i + 1).padStart(3, '0')}`,
        category,
        name: `${name(area)} (demo)`,
        description: `${MARK} luogo inventato per mostrare l'applicazione. ${text}`,
        story: pick(STORIES),
        address: address(area),
      },
      pointIn(area),
    ),
  )
})

// Real schools inside Turin's zones, named in OpenStreetMap: 30 of them, chosen by the seed.
const schools = read('fixtures/osm/schools.geojson')
  .features.filter((f) => typeof f.properties.name === 'string' && f.properties.name.trim())
  .filter((f) =>
    zones.some((z) => booleanPointInPolygon(f.geometry.coordinates as never, z.geometry as never)),
  )
  .map((f) => ({ f, k: rand() }))
  .sort((a, b) => a.k - b.k)
  .slice(0, 30)
  .map(({ f }) => f)
schools.forEach((f, i) => {
  const [lon, lat] = f.geometry.coordinates as unknown as [number, number]
  places.push(
    feature(
      {
        external_id: `osm-school-${String(i + 1).padStart(3, '0')}`,
        category: 'scuola',
        name: String(f.properties.name).trim(),
        description: `${MARK} scuola reale tratta da OpenStreetMap, inserita come esempio di luogo della comunità.`,
        attribution: OSM_ATTRIBUTION,
      },
      [round7(lon), round7(lat)],
    ),
  )
})

const RESOURCE_KINDS = [
  {
    name: 'Banco alimentare – distribuzione del giovedì',
    themes: ['food'],
    audience: 'famiglie con minori',
    schedule: [['TH', '15:00', '18:00']],
    org: 'Associazione di volontariato',
  },
  {
    name: 'Emporio solidale',
    themes: ['food', 'family'],
    audience: 'famiglie con ISEE basso, su invio dei servizi sociali',
    schedule: [
      ['TU', '09:00', '12:30'],
      ['SA', '09:00', '12:30'],
    ],
    org: 'Cooperativa sociale',
  },
  {
    name: 'Mensa sociale serale',
    themes: ['food'],
    audience: 'persone senza dimora',
    schedule: [
      ['MO', '18:30', '20:00'],
      ['WE', '18:30', '20:00'],
      ['FR', '18:30', '20:00'],
    ],
    org: 'Associazione caritativa',
  },
  {
    name: 'Sportello casa',
    themes: ['housing', 'legal_debt'],
    audience: 'chi rischia lo sfratto o cerca casa',
    schedule: [['WE', '14:00', '17:00']],
    org: 'Sindacato inquilini',
  },
  {
    name: 'Accoglienza notturna',
    themes: ['housing'],
    audience: 'persone senza dimora',
    schedule: [
      ['MO', '20:00', '23:00'],
      ['TH', '20:00', '23:00'],
    ],
    org: 'Cooperativa sociale',
  },
  {
    name: 'Sportello lavoro e orientamento',
    themes: ['work', 'education'],
    audience: 'giovani e adulti in cerca di lavoro',
    schedule: [
      ['TU', '09:30', '12:30'],
      ['TH', '14:00', '17:00'],
    ],
    org: 'Agenzia formativa',
  },
  {
    name: 'Corso di italiano per stranieri',
    themes: ['education'],
    audience: 'donne e uomini arrivati da poco',
    schedule: [
      ['MO', '18:00', '20:00'],
      ['WE', '18:00', '20:00'],
    ],
    org: 'Scuola di italiano popolare',
  },
  {
    name: 'Doposcuola',
    themes: ['education', 'family'],
    audience: 'ragazze e ragazzi delle medie',
    schedule: [
      ['MO', '15:00', '18:00'],
      ['WE', '15:00', '18:00'],
      ['FR', '15:00', '18:00'],
    ],
    org: 'Associazione di quartiere',
  },
  {
    name: 'Punto digitale – aiuto SPID e pratiche online',
    themes: ['digital'],
    audience: 'over 65 e chi non ha un computer',
    schedule: [
      ['TU', '10:00', '12:00'],
      ['FR', '10:00', '12:00'],
    ],
    org: 'Rete dei punti digitali',
  },
  {
    name: 'Gruppo di cammino',
    themes: ['social_ties', 'health'],
    audience: 'over 65',
    schedule: [
      ['TU', '09:00', '10:30'],
      ['TH', '09:00', '10:30'],
    ],
    org: 'Associazione di volontariato',
  },
  {
    name: 'Sportello debiti e sovraindebitamento',
    themes: ['legal_debt'],
    audience: 'famiglie in difficoltà con bollette e prestiti',
    schedule: [['WE', '09:30', '12:30']],
    org: 'Fondazione antiusura',
  },
  {
    name: 'Consultorio familiare',
    themes: ['health', 'family'],
    audience: 'donne, coppie, adolescenti',
    schedule: [
      ['MO', '09:00', '13:00'],
      ['TH', '14:00', '17:00'],
    ],
    org: 'Distretto sanitario',
  },
  {
    name: 'Ambulatorio solidale',
    themes: ['health'],
    audience: 'persone senza tessera sanitaria',
    schedule: [['SA', '09:00', '12:00']],
    org: 'Associazione medici volontari',
  },
  {
    name: "Centro d'ascolto",
    themes: ['social_ties', 'other'],
    audience: 'chiunque abbia bisogno di parlare',
    schedule: [
      ['MO', '16:00', '18:00'],
      ['TH', '16:00', '18:00'],
    ],
    org: 'Associazione caritativa',
  },
  {
    name: 'Spazio mamme e bambini 0-6',
    themes: ['family', 'social_ties'],
    audience: 'famiglie con minori da 0 a 6 anni',
    schedule: [
      ['TU', '16:30', '18:30'],
      ['FR', '09:30', '11:30'],
    ],
    org: 'Cooperativa sociale',
  },
  {
    name: 'Compagnia telefonica per anziani soli',
    themes: ['social_ties'],
    audience: 'over 65 che vivono soli',
    schedule: [
      ['MO', '10:00', '12:00'],
      ['WE', '10:00', '12:00'],
      ['FR', '10:00', '12:00'],
    ],
    org: 'Associazione di volontariato',
  },
  {
    name: 'Sportello legale gratuito',
    themes: ['legal_debt'],
    audience: 'cittadine e cittadini stranieri',
    schedule: [['SA', '10:00', '12:00']],
    org: 'Avvocati volontari',
  },
  {
    name: 'Guardaroba solidale',
    themes: ['other', 'family'],
    audience: 'famiglie con minori, persone senza dimora',
    schedule: [['WE', '15:00', '17:30']],
    org: 'Parrocchia',
  },
] as const
const LANGUAGES = [
  ['it'],
  ['it', 'en'],
  ['it', 'fr', 'ar'],
  ['it', 'ro'],
  ['it', 'en', 'zh'],
  ['it', 'ar'],
  ['it', 'es', 'en'],
]
const DAY_NAME: Record<string, string> = {
  MO: 'lunedì',
  TU: 'martedì',
  WE: 'mercoledì',
  TH: 'giovedì',
  FR: 'venerdì',
  SA: 'sabato',
  SU: 'domenica',
}

const resources: Feature[] = []
allocate(300, 6).forEach((area, i) => {
  const k = RESOURCE_KINDS[i % RESOURCE_KINDS.length]!
  const n = String(i + 1).padStart(3, '0')
  const when = k.schedule.map(([d, o, c]) => `${DAY_NAME[d]} ${o}–${c}`).join(', ')
  const daysAgo = 10 + Math.floor(rand() * 300)
  resources.push(
    feature(
      {
        external_id: `demo-resource-${n}`,
        name: `${k.name}, ${area.name} (demo)`,
        organization: `${k.org} (demo)`,
        themes: [...k.themes],
        description: `${MARK} risorsa inventata per mostrare l'applicazione. Aperto ${when}.`,
        audience: k.audience,
        languages: pick(LANGUAGES),
        schedule: k.schedule.map(([byday, opensAt, closesAt]) => ({ byday, opensAt, closesAt })),
        email: `info-${n}@demo.example.org`,
        url: `https://demo.example.org/risorse/${n}`,
        address: address(area),
        last_verified: new Date(Date.UTC(2024, 5, 1) - daysAgo * 86_400_000)
          .toISOString()
          .slice(0, 10),
      },
      pointIn(area),
    ),
  )
})

function write(file: string, features: Feature[]) {
  const fc = {
    type: 'FeatureCollection',
    name: file.replace('.geojson', ''),
    attribution: `Demo content, invented (Intrecci, CC0); schools: ${OSM_ATTRIBUTION}`,
    features,
  }
  fs.writeFileSync(OUT + file, JSON.stringify(fc, null, 1) + '\n')
  console.log(`${OUT}${file}: ${features.length} features`)
}
write('places.geojson', places)
write('resources.geojson', resources)
