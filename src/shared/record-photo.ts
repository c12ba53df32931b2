/**
 * A record's photo (`POST /{module}/{record_id}/photo`), as Zoho documents it. Bigin's upload
 * photo page gives no limits; CRM's (same API) does, with its specification's error answers:
 * - more than 10 MB: `FILE_SIZE_EXCEEDS`, HTTP 413;
 * - more than 10 megapixels ("The resolution of the photo must not exceed 10 MP"):
 *   `FILE_RESOLUTION_EXCEEDS`, HTTP 415;
 * - not an image of the allowed formats (PNG, JPEG, JPG, GIF and BMP): `INVALID_DATA`, HTTP 415.
 */
export const RECORD_PHOTO_MAX_BYTES = 10 * 1024 * 1024;

/** The modules whose records carry a photo in Bigin. */
export const RECORD_PHOTO_MODULES: readonly string[] = ['Contacts', 'Accounts', 'Products'];

/**
 * CRM's 10 MP. Bigin's pages name no number: the sandbox takes this one and lets it be set, and
 * the app itself never refuses a photo for its resolution, leaving that to Bigin.
 */
export const RECORD_PHOTO_MAX_PIXELS = 10_000_000;

/** The formats a photo may be, by file extension, with the types browsers declare for them. */
export const RECORD_PHOTO_TYPES: Readonly<Record<string, readonly string[]>> = {
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  gif: ['image/gif'],
  bmp: ['image/bmp', 'image/x-ms-bmp'],
};
