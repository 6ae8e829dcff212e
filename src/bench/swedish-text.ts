/**
 * Swedish filler text for the benchmark corpus: words, names and phrases about Swedish e-health,
 * put together by a seeded generator. The wording is this project's own; it only has to look like the
 * blog's prose to the parsers (å ä ö, compound words, the sentence lengths of the real posts).
 */
import type { SeededRandom } from './random.ts';

const NOUNS = [
  'vården', 'journalsystemet', 'regionen', 'kommunen', 'upphandlingen', 'leverantören', 'patienten', 'läkaren',
  'sjuksköterskan', 'förvaltningen', 'införandet', 'informationen', 'säkerheten', 'behörigheten', 'åtkomsten',
  'sekretessen', 'standarden', 'tjänsten', 'plattformen', 'avtalet', 'kravställningen', 'verksamheten',
  'myndigheten', 'lagstiftningen', 'förordningen', 'utredningen', 'samverkan', 'överföringen', 'ändringen',
  'kostnaden', 'budgeten', 'tidplanen', 'förseningen', 'användaren', 'gränssnittet', 'integrationen',
  'molntjänsten', 'datalagret', 'journalföringen', 'läkemedelslistan', 'remissen', 'vårdgivaren', 'invånaren',
  'e-tjänsten', 'signeringen', 'loggningen', 'uppföljningen', 'kvaliteten', 'arbetsmiljön', 'utbildningen',
];

const VERBS = [
  'påverkar', 'förändrar', 'försvårar', 'förenklar', 'kräver', 'möjliggör', 'styr', 'begränsar', 'förbättrar',
  'omfattar', 'ersätter', 'kompletterar', 'hänger ihop med', 'bygger på', 'förutsätter', 'skiljer sig från',
  'har betydelse för', 'väcker frågor om', 'ställer krav på', 'öppnar för', 'gör det lättare att följa',
];

const ADJECTIVES = [
  'nationella', 'regionala', 'gemensamma', 'nya', 'äldre', 'omfattande', 'långsiktiga', 'tekniska', 'juridiska',
  'säkra', 'öppna', 'strukturerade', 'sammanhållna', 'kommunala', 'privata', 'offentliga', 'digitala', 'nödvändiga',
  'betydande', 'övergripande', 'småskaliga', 'kritiska', 'fördröjda', 'ömsesidiga', 'förväntade',
];

const OBJECTS = [
  'journalsystem', 'upphandlingar', 'regioner', 'kommuner', 'vårdgivare', 'leverantörer', 'patientuppgifter',
  'sekretessregler', 'standarder', 'integrationer', 'tjänster', 'behörigheter', 'lösningar', 'datamängder',
  'rutiner', 'avtal', 'krav', 'förändringar', 'utmaningar', 'möjligheter', 'kostnader', 'ärenden', 'flöden',
];

const ADVERBIALS = [
  'under de senaste åren', 'i flera regioner', 'enligt uppgifter från 2022', 'på sikt', 'i praktiken',
  'för både vårdgivare och patienter', 'inom ramen för samarbetet', 'i hela landet', 'sedan tidigare',
  'vid varje införande', 'trots förseningarna', 'till skillnad från tidigare', 'när systemen byts ut',
  'för invånarna i regionen', 'efter den senaste lagändringen', 'i nästa upphandling', 'redan i dag',
];

const CONNECTORS = ['Samtidigt', 'Dessutom', 'Därför', 'Däremot', 'Enligt utredningen', 'Till slut', 'Hittills', 'Även', 'Ofta', 'I många fall'];

export const REGIONS = [
  'Blekinge', 'Dalarna', 'Gotland', 'Gävleborg', 'Halland', 'Jämtland Härjedalen', 'Jönköping', 'Kalmar',
  'Kronoberg', 'Norrbotten', 'Skåne', 'Stockholm', 'Sörmland', 'Uppsala', 'Värmland', 'Västerbotten',
  'Västernorrland', 'Västmanland', 'Västra Götaland', 'Örebro', 'Östergötland',
];

export const TAGS = ['Journalsystem', 'Företag', 'Lagar', 'Standarder', 'EU', 'Säkerhet', 'Molntjänster', 'Upphandling', 'Patientdata', 'Kommuner'];
export const EXTRA_TAGS = ['Sussa', 'Cosmic', 'Millennium', 'FHIR', 'SNOMED', 'openEHR', 'NPO', 'PDL', 'EHDS', 'GDPR', 'Inera', 'Pascal', 'Take Care', 'Melior'];

const TITLE_SUBJECTS = [
  'Upphandlingar av journalsystem', 'Sammanhållen journalföring', 'Patientdatalagen', 'Molntjänster och sekretess',
  'Standarder för informationsutbyte', 'Det europeiska hälsodataområdet', 'Nationell patientöversikt',
  'Läkemedelslistan', 'Digitala vårdtjänster', 'Behörighetsstyrning', 'Loggning och uppföljning', 'E-recept',
  'Vårdens informationsförsörjning', 'Journalsystemens gränssnitt', 'Öppna data i vården', 'Införandet av nya system',
];

const TITLE_TAILS = [
  'i {region}', 'och vad det betyder för {region}', '– läget {year}', 'efter {year}', 'i praktiken', 'för kommunerna',
  'ur patientens perspektiv', 'och leverantörerna', '– en översikt', 'i ett längre perspektiv', 'och säkerheten',
];

const HEADING_PATTERNS = [
  'Vad är {noun}?', 'Hur fungerar {object} i {region}?', 'Bakgrund', 'Läget i {region}', 'Vad säger lagen?',
  'Erfarenheter från {region}', 'Kostnader och tidplan', 'Kritik mot {object}', 'Vad händer {year}?',
  'Jämförelse mellan regionerna', 'Slutsatser', 'Frågor som återstår', 'Tekniska förutsättningar',
  'Ansvar och roller', 'Så påverkas {object}',
];

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('sv') + text.slice(1);
}

export function fill(pattern: string, random: SeededRandom): string {
  return pattern
    .replace('{region}', () => random.pick(REGIONS))
    .replace('{year}', () => String(random.int(2015, 2024)))
    .replace('{noun}', () => random.pick(NOUNS))
    .replace('{object}', () => random.pick(OBJECTS));
}

export function title(random: SeededRandom): string {
  return `${random.pick(TITLE_SUBJECTS)} ${fill(random.pick(TITLE_TAILS), random)}`;
}

export function heading(random: SeededRandom): string {
  return fill(random.pick(HEADING_PATTERNS), random);
}

/** One sentence of 8-20 words, sometimes with a bold phrase. */
export function sentence(random: SeededRandom, boldChance = 0.15): string {
  const subject = `${random.chance(0.5) ? `den ${random.pick(ADJECTIVES)} ` : ''}${random.pick(NOUNS)}`;
  const object = `${random.pick(ADJECTIVES)} ${random.pick(OBJECTS)}`;
  const emphasised = random.chance(boldChance) ? `**${object}**` : object;
  const verb = random.pick(VERBS);
  // Swedish puts the verb second: "Därför kräver regionen …", "Regionen kräver …".
  const parts = random.chance(0.3) && !verb.includes(' ')
    ? [random.pick(CONNECTORS), verb, subject, emphasised, random.pick(ADVERBIALS)]
    : [subject, verb, emphasised, random.pick(ADVERBIALS)];
  let text = parts.join(' ');
  if (random.chance(0.4)) text += `, medan ${random.pick(NOUNS)} ${random.pick(VERBS)} ${random.pick(OBJECTS)}`;
  return `${capitalize(text)}.`;
}

export function paragraph(random: SeededRandom, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(random)).join(' ');
}

export function listItem(random: SeededRandom): string {
  const text = `${capitalize(random.pick(ADJECTIVES))} ${random.pick(OBJECTS)} ${random.pick(ADVERBIALS)}`;
  return random.chance(0.3) ? `**${random.pick(REGIONS)}:** ${text.toLocaleLowerCase('sv')}` : text;
}

export function shortPhrase(random: SeededRandom): string {
  return `${random.pick(ADJECTIVES)} ${random.pick(OBJECTS)}`;
}

/** Swedish letters to ASCII, for file names. */
export function asciiSlug(text: string): string {
  return text
    .toLocaleLowerCase('sv')
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
