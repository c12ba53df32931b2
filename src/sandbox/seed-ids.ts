import { DOC_SAMPLE_RECORD_ID } from '../shared/doc-samples.ts';

/** The record of Zoho's sample request (`GET /Contacts/1000000231009/Attachments`). */
export const DOC_REQUEST_RECORD_ID = '1000000231009';
/** A contact with no attachments at all: Bigin answers 204. */
export const EMPTY_RECORD_ID = '4150868000002728101';
/** A contact with exactly 1,000 attachments: five pages of 200. */
export const THOUSAND_ATTACHMENTS_RECORD_ID = '4150868000002728201';
/** A contact with link attachments (and one file). */
export const LINKS_RECORD_ID = '4150868000002728301';
/** A contact whose attachments have names that break naive code. */
export const HOSTILE_NAMES_RECORD_ID = '4150868000002728401';
/** A contact with files from 0 bytes to near the 20 MB upload limit. */
export const SIZES_RECORD_ID = '4150868000002728501';
/** A product with attachments and a photo (AUTHORIZATION_FAILED for Alex Chen). */
export const PRODUCT_RECORD_ID = '4150868000003400001';
/** A company (module `Accounts`) with an attachment. */
export const COMPANY_RECORD_ID = '4150868000003200001';

/** The records worth knowing, by what they show. */
/** The first deal (a Pipeline in v2) and the first event, each with attachments. */
export const DEAL_RECORD_ID = '4150868000033000001';
export const EVENT_RECORD_ID = '4150868000036000001';

export const NOTABLE_RECORDS = {
  docSample: { module: 'Contacts', id: DOC_SAMPLE_RECORD_ID },
  docRequest: { module: 'Contacts', id: DOC_REQUEST_RECORD_ID },
  empty: { module: 'Contacts', id: EMPTY_RECORD_ID },
  thousandAttachments: { module: 'Contacts', id: THOUSAND_ATTACHMENTS_RECORD_ID },
  links: { module: 'Contacts', id: LINKS_RECORD_ID },
  hostileNames: { module: 'Contacts', id: HOSTILE_NAMES_RECORD_ID },
  sizes: { module: 'Contacts', id: SIZES_RECORD_ID },
  product: { module: 'Products', id: PRODUCT_RECORD_ID },
  company: { module: 'Accounts', id: COMPANY_RECORD_ID },
  deal: { module: 'Deals', id: DEAL_RECORD_ID },
  event: { module: 'Events', id: EVENT_RECORD_ID },
} as const;

/** Attachments worth knowing: a link (DOWNLOAD_NOT_ALLOWED) and a PDF. */
export const LINK_ATTACHMENT_ID = '4150868000004100301';
export const PDF_ATTACHMENT_ID = '4150868000004100002';
