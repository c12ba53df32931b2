import type { DocumentedUser } from '../shared/bigin-attachment.ts';
import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';
import { formatBiginTime } from './bigin-time.ts';
import { createRng, randomInt } from './prng.ts';
import { NAME_FIELDS } from './org-modules.ts';
import type { SeedRecord } from './seed-types.ts';
import {
  COMPANY_RECORD_ID,
  DOC_REQUEST_RECORD_ID,
  EMPTY_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINKS_RECORD_ID,
  PRODUCT_RECORD_ID,
  SIZES_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from './seed-ids.ts';

const FIRST = [
  'Kris',
  'Sage',
  'Minna',
  'Abel',
  'Kiley',
  'Graciela',
  'Ammie',
  'Francine',
  'Mitsue',
  'Leota',
  'Lenna',
  'Donette',
  'Simona',
  'Mattie',
  'Gladys',
  'Yuki',
  'Fatima',
  'Lucía',
  'Oluwaseun',
  'Priya',
];
const LAST = [
  'Marrier',
  'Wieser',
  'Amigon',
  'Maclead',
  'Caldarera',
  'Ruta',
  'Corrio',
  'Vocelka',
  'Tollner',
  'Dilliard',
  'Paprocki',
  'Foller',
  'Morasca',
  'Venere',
  'Rim',
  'Tanaka',
  'Haddad',
  'Fernández',
  'Adeyemi',
  'Raman',
];
const COMPANIES = [
  'Zylker Corp',
  'Chanay',
  'Chemel',
  'Feltz Printing Service',
  'Printing Dimensions',
  'Commercial Press',
  'Truhlar And Truhlar',
  'King Christopher A Esq',
  'Dorl James J Esq',
  'Rangoni Of Florence',
  'Müller & Söhne GmbH',
  'Société Générale du Nord',
  '株式会社さくら',
  'Al Noor Trading',
  'Oakridge Dental',
];
const PRODUCTS = [
  'Bigin Starter Kit',
  'Wireless Scanner',
  'Thermal Printer',
  'Label Roll (500)',
  'Barcode Reader',
  'Receipt Paper',
  'POS Terminal',
  'Cash Drawer',
  'Card Reader',
  'Shelf Tags',
];
const STAGES = [
  'Qualification',
  'Needs Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];
const TASKS = [
  'Send the quote',
  'Follow up on the demo',
  'Renew the contract',
  'Check the invoice',
  'Book the site visit',
];
const EVENTS = ['Product demo', 'Quarterly review', 'Site visit', 'Kick-off meeting', 'Trade fair'];
const CALLS = ['Discovery call', 'Pricing call', 'Support call', 'Renewal call', 'Intro call'];

const PER_MODULE = 30;
/** Seeded records were created from this moment on, an hour apart. */
const SEED_EPOCH = Date.UTC(2024, 0, 8, 4, 0, 0);

/** Tens of records per module, with realistic names, the same on every start. */
export function buildSeedRecords(owners: DocumentedUser[]): SeedRecord[] {
  const rng = createRng(20240108);
  const owner = (i: number) => owners[i % owners.length]!;
  const stamp = (i: number) => {
    const created = formatBiginTime(SEED_EPOCH + i * 3_600_000);
    return { Created_Time: created, Modified_Time: created };
  };
  const accounts = buildAccounts(owner, stamp);
  const contacts = buildContacts(rng, owner, stamp, accounts);
  const products = PRODUCTS.map((name, i) =>
    record('Products', i === 0 ? PRODUCT_RECORD_ID : serialId(34, i), name, {
      Product_Name: name,
      Product_Code: `SKU-${1000 + i}`,
      Unit_Price: randomInt(rng, 5, 900) + 0.99,
      Product_Active: true,
      Owner: owner(i),
      ...stamp(i),
    }),
  );
  const deals = Array.from({ length: PER_MODULE }, (_, i) => {
    const account = accounts[i % accounts.length]!;
    const name = `${account.name} - ${PRODUCTS[i % PRODUCTS.length]}`;
    return record('Deals', serialId(33, i), name, {
      Deal_Name: name,
      Stage: STAGES[i % STAGES.length],
      Amount: randomInt(rng, 500, 90_000),
      Closing_Date: `2024-${String((i % 12) + 1).padStart(2, '0')}-15`,
      Account_Name: { name: account.name, id: account.id },
      Contact_Name: { name: contacts[i]!.name, id: contacts[i]!.id },
      Owner: owner(i),
      ...stamp(i),
    });
  });
  const activities = (module: string, code: number, subjects: string[]) =>
    Array.from({ length: PER_MODULE }, (_, i) => {
      const subject = `${subjects[i % subjects.length]} with ${contacts[i]!.name}`;
      return record(module, serialId(code, i), subject, {
        [NAME_FIELDS[module]!]: subject,
        Owner: owner(i),
        Related_To: { name: contacts[i]!.name, id: contacts[i]!.id },
        ...stamp(i),
      });
    });
  return [
    ...contacts,
    ...accounts,
    ...deals,
    ...products,
    ...activities('Tasks', 35, TASKS),
    ...activities('Events', 36, EVENTS),
    ...activities('Calls', 37, CALLS),
  ];
}

type Stamp = (i: number) => { Created_Time: string; Modified_Time: string };

function buildAccounts(owner: (i: number) => DocumentedUser, stamp: Stamp): SeedRecord[] {
  return Array.from({ length: PER_MODULE }, (_, i) => {
    const base = COMPANIES[i % COMPANIES.length]!;
    const name = i < COMPANIES.length ? base : `${base} (${Math.floor(i / COMPANIES.length) + 1})`;
    return record('Accounts', i === 0 ? COMPANY_RECORD_ID : serialId(32, i), name, {
      Account_Name: name,
      Website: `https://www.${base.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      Phone: `+1 555 01${String(i).padStart(2, '0')}`,
      Owner: owner(i),
      Record_Image: null,
      ...stamp(i),
    });
  });
}

/** The notable contacts first (fixed ids and names), then generated ones. */
const NOTABLE_CONTACTS: [string, string, string][] = [
  [DOC_SAMPLE_RECORD_ID, 'Patricia', 'Boyle'],
  [DOC_REQUEST_RECORD_ID, 'Kris', 'Marrier'],
  [EMPTY_RECORD_ID, 'Sage', 'Wieser'],
  [THOUSAND_ATTACHMENTS_RECORD_ID, 'Minna', 'Amigon'],
  [LINKS_RECORD_ID, 'Abel', 'Maclead'],
  [HOSTILE_NAMES_RECORD_ID, 'Zoë', "O'Brien-Ünal"],
  [SIZES_RECORD_ID, 'Graciela', 'Ruta'],
  ['4150868000003100901', '太郎', '山田'],
  ['4150868000003100902', 'محمد', 'الأحمد'],
];

function buildContacts(
  rng: () => number,
  owner: (i: number) => DocumentedUser,
  stamp: Stamp,
  accounts: SeedRecord[],
): SeedRecord[] {
  return Array.from({ length: PER_MODULE }, (_, i) => {
    const notable = NOTABLE_CONTACTS[i];
    const first = notable?.[1] ?? FIRST[randomInt(rng, 0, FIRST.length - 1)]!;
    const last = notable?.[2] ?? LAST[randomInt(rng, 0, LAST.length - 1)]!;
    const name = `${first} ${last}`;
    const account = accounts[i % accounts.length]!;
    const handle = `${first[0]}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') || `contact${i}`;
    return record('Contacts', notable?.[0] ?? serialId(31, i), name, {
      First_Name: first,
      Last_Name: last,
      Full_Name: name,
      Email: `${handle}${i}@example.com`,
      Phone: `+1 555 02${String(i).padStart(2, '0')}`,
      Account_Name: { name: account.name, id: account.id },
      Owner: owner(i),
      Record_Image: null,
      ...stamp(i),
    });
  });
}

function record(
  module: string,
  id: string,
  name: string,
  fields: Record<string, unknown>,
): SeedRecord {
  return { module, id, name, fields: { id, ...fields } };
}

/** 19-digit ids: the org prefix, a two-digit module code, a serial. */
const serialId = (moduleCode: number, i: number) =>
  `41508680000${moduleCode}${String(i + 1).padStart(6, '0')}`;
