import type { DocumentedAttachment } from '../shared/bigin-attachment.ts';
import type { FileRecipe } from './file-bytes.ts';

// The seed's shapes, apart from the seed itself so that its builders need not import it.

export interface SeedRecord {
  module: string;
  id: string;
  name: string;
  /** The record as `GET /{module}/{id}` answers it. */
  fields: Record<string, unknown>;
  /** Contacts, Accounts and Products may carry a photo. */
  photo?: FileRecipe;
}

export interface StoredAttachment extends DocumentedAttachment {
  /** The MIME type the bytes are served with. */
  contentType: string;
  /** How to make the bytes; null for a link, which has none. */
  recipe: FileRecipe | null;
}

export interface Seed {
  records: SeedRecord[];
  attachments: StoredAttachment[];
}
