import type { Attachment } from '../../../shared/bigin-attachment.ts';

export interface UploadFacts {
  name: string;
  size: number;
  /** When the upload started, by the browser's clock. */
  startedAt: number;
  /** Ids of the record's attachments the browser held when the upload started. */
  knownIds: ReadonlySet<string>;
}

/** The browser's clock and Bigin's may disagree by this much. */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The attachment an upload made, if it arrived: same name and size, not among those held before
 * the upload began, created after it began. Bigin has no idempotency key, so this is how the app
 * knows whether a retry would make a duplicate.
 */
export function arrivedAttachment(
  rows: readonly Attachment[],
  facts: UploadFacts,
): Attachment | null {
  return (
    rows.find(
      (row) =>
        !row.$link_url &&
        row.File_Name === facts.name &&
        row.Size === String(facts.size) &&
        !facts.knownIds.has(row.id) &&
        Date.parse(row.Created_Time ?? '') >= facts.startedAt - CLOCK_SKEW_MS,
    ) ?? null
  );
}
