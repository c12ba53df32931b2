import type { Attachment, UserRef } from '../shared/bigin-attachment.ts';
import { DOC_SAMPLE_RECORD_ID, docSampleAttachmentList } from '../shared/doc-samples.ts';

/** A user of the sandbox's one org, with what their Bigin profile allows. */
export interface DemoUser extends UserRef {
  email: string;
  /** Whether the profile may read attachments at all (else NO_PERMISSION). */
  canReadAttachments: boolean;
  /** Modules the profile has no privilege for (AUTHORIZATION_FAILED). */
  deniedModules: string[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    name: 'Patricia Boyle',
    id: '4150868000000225013',
    email: 'p.boyle@zylker.com',
    canReadAttachments: true,
    deniedModules: [],
  },
];

export interface SeedRecord {
  module: string;
  id: string;
  name: string;
}

export interface StoredAttachment extends Attachment {
  /** The MIME type the bytes are served with. */
  contentType: string;
}

export interface Seed {
  records: SeedRecord[];
  attachments: StoredAttachment[];
}

/** The seed is the same on every start: ids and timestamps are fixed, never random. */
export function buildSeed(): Seed {
  const records: SeedRecord[] = [
    { module: 'Contacts', id: DOC_SAMPLE_RECORD_ID, name: 'Patricia Boyle' },
    { module: 'Contacts', id: '1000000231009', name: 'Kris Marrier' },
  ];
  const attachments: StoredAttachment[] = docSampleAttachmentList.data.map((a) => ({
    ...a,
    contentType: 'image/png',
  }));
  return { records, attachments };
}
