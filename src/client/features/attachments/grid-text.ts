import { formatCount } from '../../lib/format.ts';

/** The grid's words. */
export const gridText = {
  columns: {
    File_Name: 'File name',
    Size: 'Size',
    Owner: 'Owner',
    Created_By: 'Created by',
    Created_Time: 'Created',
    Modified_By: 'Modified by',
    Modified_Time: 'Modified',
  },
  kind: {
    link: 'Link',
    image: 'Image',
    pdf: 'PDF document',
    text: 'Document',
    audio: 'Audio',
    video: 'Video',
    archive: 'Archive',
    other: 'File',
  },
  opensInNewTab: 'opens in a new tab',
  gridLabel: (module: string, recordId: string) => `Attachments of ${module} record ${recordId}`,
  empty: 'This record has no attachments.',
  noMatch: 'No loaded attachment matches the search.',
  loadedCount: (loaded: number, more: boolean) =>
    more
      ? `${formatCount(loaded)} attachments loaded; more exist in Bigin`
      : `${formatCount(loaded)} ${loaded === 1 ? 'attachment' : 'attachments'}`,
  displayedRows: (from: number, to: number, loaded: number, more: boolean) =>
    `${formatCount(from)}–${formatCount(to)} of ${more ? 'more than ' : ''}${formatCount(loaded)}`,
  matchCount: (shown: number) => `${formatCount(shown)} match the search`,
  searchScope: 'Search and sort cover the loaded attachments.',
  loadAll: 'Load all',
  loadingMore: 'Loading more attachments…',
  refreshFailed: 'Could not refresh the attachments; showing what was loaded before.',
  retry: 'Retry',
};
