import type { DocumentedAttachment, DocumentedUser } from '../shared/bigin-attachment.ts';
import { buildSeedAttachments, fileIdOf } from './seed-attachments.ts';
import { DOC_REQUEST_RECORD_ID, PRODUCT_RECORD_ID } from './seed-ids.ts';
import { buildSeedRecords } from './seed-records.ts';
import type { Seed, StoredAttachment } from './seed-types.ts';

/** A user of the sandbox's one org, with what their Bigin profile and consent allow. */
export interface DemoUser extends DocumentedUser {
  email: string;
  /** The user's Zoho account id, as Zoho Accounts' user info names it. */
  zuid: number;
  profile: string;
  /** What signing in as this user shows, in a sentence (the README and the consent page). */
  shows: string;
  /** Whether the profile may read attachments at all (else NO_PERMISSION). */
  canReadAttachments: boolean;
  /** Modules the profile has no privilege for (AUTHORIZATION_FAILED). */
  deniedModules: string[];
  /** The user's consent left out the attachments scopes (OAUTH_SCOPE_MISMATCH). */
  consentWithoutAttachments: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  {
    name: 'Patricia Boyle',
    zuid: 60_012_345_601,
    id: '4150868000000225013',
    email: 'p.boyle@zylker.com',
    profile: 'Administrator',
    shows: 'An administrator with full access: everything works.',
    canReadAttachments: true,
    deniedModules: [],
    consentWithoutAttachments: false,
  },
  {
    name: 'Sam Rivera',
    zuid: 60_012_345_602,
    id: '4150868000000225027',
    email: 's.rivera@zylker.com',
    profile: 'Sales Rep (no attachments)',
    shows: 'A sales rep whose profile may not read attachments: NO_PERMISSION (403).',
    canReadAttachments: false,
    deniedModules: [],
    consentWithoutAttachments: false,
  },
  {
    name: 'Jordan Lee',
    zuid: 60_012_345_603,
    id: '4150868000000225041',
    email: 'j.lee@zylker.com',
    profile: 'Standard',
    shows:
      'Consented without the attachments scope: records work, attachments get OAUTH_SCOPE_MISMATCH (401).',
    canReadAttachments: true,
    deniedModules: [],
    consentWithoutAttachments: true,
  },
  {
    name: 'Alex Chen',
    zuid: 60_012_345_604,
    id: '4150868000000225055',
    email: 'a.chen@zylker.com',
    profile: 'Standard (no Products)',
    shows: 'No privilege for Products: AUTHORIZATION_FAILED (400) on any Products call.',
    canReadAttachments: true,
    deniedModules: ['Products'],
    consentWithoutAttachments: false,
  },
];

export const findDemoUser = (idOrName: string): DemoUser | undefined =>
  DEMO_USERS.find((u) => u.id === idOrName || u.name === idOrName);

// The notable records and attachments live in seed-ids.ts so that the seed builders can use them.
export {
  COMPANY_RECORD_ID,
  DOC_REQUEST_RECORD_ID,
  EMPTY_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINK_ATTACHMENT_ID,
  LINKS_RECORD_ID,
  NOTABLE_RECORDS,
  PDF_ATTACHMENT_ID,
  PRODUCT_RECORD_ID,
  SIZES_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from './seed-ids.ts';

/**
 * The seed is the same on every start: ids and timestamps are fixed, names come from a seeded
 * generator. It holds recipes, not bytes, so building it is cheap.
 */
export function buildSeed(): Seed {
  const owners = DEMO_USERS.map(({ name, id, email }) => ({ name, id, email }));
  const records = buildSeedRecords(owners);
  // Two records carry a photo from the start; the others show "no photo".
  for (const [id, seed] of [
    [DOC_REQUEST_RECORD_ID, 11],
    [PRODUCT_RECORD_ID, 12],
  ] as const) {
    const record = records.find((r) => r.id === id);
    if (record) {
      record.photo = { kind: 'png', size: 24_000 + seed, seed };
      record.fields.Record_Image = fileIdOf(`photo-${id}`);
    }
  }
  return { records, attachments: buildSeedAttachments(records, owners) };
}

/** An attachment as Bigin lists it: the sandbox's own bookkeeping left out. */
export function toWireAttachment(stored: StoredAttachment): DocumentedAttachment {
  const wire: Partial<StoredAttachment> = { ...stored };
  delete wire.contentType;
  delete wire.recipe;
  return wire as DocumentedAttachment;
}
