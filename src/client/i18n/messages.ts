import type { ProxyErrorCode } from '../../shared/api-contract.ts';
import type { BiginErrorCode } from '../../shared/bigin-error.ts';
import { RECORD_PHOTO_MAX_BYTES } from '../../shared/record-photo.ts';
import type { ClientErrorCode } from '../lib/api-client.ts';
import { formatBytes, formatCount } from '../lib/format.ts';

/**
 * Every word the interface shows, in one place, grouped by the part of the app that shows it.
 * A translation is another object of the same `Messages` type; numbers, sizes and dates are
 * formatted with `Intl` in the user's locale, so the functions here only place them in a
 * sentence.
 */

/** "30 seconds", "2 minutes", "24 hours": a wait, in the user's locale. */
function duration(seconds: number, locale?: string): string {
  const [value, unit] =
    seconds < 90
      ? [Math.max(1, seconds), 'second']
      : seconds < 90 * 60
        ? [Math.ceil(seconds / 60), 'minute']
        : [Math.ceil(seconds / 3600), 'hour'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** "2:05:30 PM": a time of day, in the user's locale. */
function timeOfDay(at: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(at);
}

/** The words of one error banner. */
export interface ErrorWords {
  title: string;
  what: string;
  todo: string;
}

/**
 * Every code a failure can carry in the app: Bigin's, the proxy's and the app's own. (The embed
 * link's codes are the widget's: embed-messages.ts words them.)
 */
export type ErrorCode = BiginErrorCode | ProxyErrorCode | ClientErrorCode;

/**
 * Two codes with one meaning for the user: Bigin's INVALID_DATA for a record's list, and the
 * proxy's PROXY_RECORD_NOT_FOUND for its detail (Bigin's 204), both say there is no such record.
 */
const recordNotFound: ErrorWords = {
  title: 'This record does not exist',
  what: 'Bigin has no record with this id in this module. It may have been deleted, or the link is wrong.',
  todo: 'Choose the record again from the list.',
};

export const messages = {
  app: {
    name: 'Bigin Attachments',
    mainNavigation: 'Main',
    skipToContent: 'Skip to the main content',
    loadingPage: 'Loading the page…',
  },

  /** The app bar's account button and its menu. */
  account: {
    button: (name: string) => `Account: ${name}`,
    signedIn: 'Signed in',
    menu: 'Account',
    serviceNote: 'Service mode: everyone using this app acts as this Zoho user.',
    switchUser: 'Switch user',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    signOutFailed: (reason: string) => `You are still signed in: ${reason}`,
  },

  /** An address the app has no page for. */
  notFound: {
    title: 'Page not found',
    what: 'This address is not a page of Bigin Attachments. A record’s page is its module and id, for example /Contacts/4150868000002728001.',
    home: 'Go to the home page',
  },

  home: {
    title: 'Find a record',
    intro: 'Choose a module, then type to search its records or pick one of its recent records.',
  },

  recordPicker: {
    moduleLabel: 'Module',
    moduleHelper: 'The kind of record, as your Bigin names it.',
    modulesLoading: 'Loading modules…',
    noModules: 'No module matches.',
    recordLabel: 'Record',
    recordHelper:
      'Type two or more letters or an email address to search, or choose a recent record.',
    chooseModuleFirst: 'Choose a module first.',
    searching: 'Searching…',
    loadingRecent: 'Loading recent records…',
    noMatches: (word: string) => `No record matches “${word}”.`,
    noRecords: 'This module has no records yet.',
    notReadable: (modulePlural: string) =>
      `Your Bigin profile may not see ${modulePlural}: ask your Bigin administrator for access, or choose another module.`,
    notLoaded: 'The records could not be loaded.',
    moreRecords: 'Only the first matches are listed: type more letters to narrow them.',
    recordId: (id: string) => `Id ${id}`,
  },

  recentRecords: {
    title: 'Recently opened',
    empty: 'The records you open will be listed here, in this browser only.',
    clear: 'Clear the list',
    moduleAndId: (moduleLabel: string, id: string) => `${moduleLabel} · ${id}`,
  },

  openById: {
    title: 'Open a record by its id',
    moduleLabel: 'Module API name',
    moduleHelper: 'As in the address of the record in Bigin, for example Contacts or Accounts.',
    recordIdLabel: 'Record id',
    recordIdHelper:
      "The digits at the end of the record's address in Bigin; or paste the whole address here.",
    invalidModule: 'A module name is letters, digits and underscores.',
    invalidRecordId: 'A Bigin record id is 1 to 19 digits.',
    submit: 'Show attachments',
  },

  recordHeader: {
    backToPickers: 'Choose another record',
    loading: 'Loading the record…',
    unnamed: (moduleLabel: string, id: string) => `${moduleLabel} ${id}`,
    recordId: (id: string) => `Id ${id}`,
    /** The browser tab's title on a record's page. */
    documentTitle: (recordName: string) => `${recordName} · Attachments · Bigin Attachments`,
  },

  attachments: {
    /** An attachment Bigin sent without a file name. */
    unnamed: 'Untitled attachment',
    /** What Bigin sent of a field that could not be read. */
    unknown: '—',
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
    /** The grid's title: the record's name, or (without it) its module. */
    gridLabel: (recordName: string | null, module: string) =>
      recordName ? `Attachments of ${recordName}` : `Attachments of this ${module} record`,
    empty: 'This record has no attachments.',
    noMatch: 'No attachment matches.',
    noLoadedMatch: 'No loaded attachment matches; the rest were not loaded.',
    loadedCount: (loaded: number, more: boolean) =>
      more
        ? `${formatCount(loaded)} attachments loaded; more exist in Bigin`
        : `${formatCount(loaded)} ${loaded === 1 ? 'attachment' : 'attachments'}`,
    displayedRows: (from: number, to: number, loaded: number, more: boolean) =>
      `${to < from ? formatCount(0) : `${formatCount(from)}–${formatCount(to)}`} of ${more ? 'more than ' : ''}${formatCount(loaded)}`,
    matchCount: (shown: number, searching: boolean) =>
      `${formatCount(shown)} match the ${searching ? 'search' : 'filter'}`,
    /** Items Bigin listed that the app could not read (no id): left out, and said. */
    unreadable: (count: number) =>
      `${formatCount(count)} ${count === 1 ? 'attachment' : 'attachments'} could not be read`,
    /** Search, sort and the type filter work over the whole record: its pages are loaded first. */
    loadingAll: (loaded: number) =>
      `Loading every attachment to search, sort and filter: ${formatCount(loaded)} so far…`,
    loadingAllProgress: 'Attachments loaded so far',
    stopLoading: 'Stop',
    stopped: (loaded: number) =>
      `Only the ${formatCount(loaded)} attachments loaded are searched, sorted and filtered; more exist in Bigin.`,
    loadRest: 'Load the rest',
    columnsButton: 'Columns',
    loadingMore: 'Loading more attachments…',
    /** A row just uploaded, shown first. */
    newRow: 'New',
    newRowLabel: 'just uploaded',
    typeFilter: {
      button: (current: string) => `Type: ${current}`,
      menu: 'File type',
      all: 'All types',
      images: 'Images',
      pdfs: 'PDFs',
      documents: 'Documents',
      links: 'Links',
      other: 'Other',
    },
    sortMenu: {
      button: (current: string) => `Sort: ${current}`,
      menu: 'Sort by',
      none: 'As in Bigin',
      choice: (column: string, direction: 'asc' | 'desc') =>
        `${column}, ${direction === 'asc' ? 'ascending' : 'descending'}`,
      short: (column: string, direction: 'asc' | 'desc') =>
        `${column} ${direction === 'asc' ? '↑' : '↓'}`,
    },
    /** The list layout of narrow screens: name, then size and date under it. */
    listMeta: (size: string, date: string) => `${size} · ${date}`,
    loadFailed:
      'Some attachments could not be loaded from Bigin; the rows shown are those loaded before.',
    retry: 'Retry',
  },

  errorBanner: {
    requestId: 'Request id:',
    code: 'Code:',
    chooseRecord: 'Choose a record',
    retry: 'Try again',
    signIn: 'Sign in again',
    reload: 'Reload the page',
    copyDetails: 'Copy the details',
    copied: 'Copied',
    missingPermission: (names: string) => `Bigin names the missing permission: ${names}.`,
    missingParameter: (name: string) => `Bigin names the missing parameter: ${name}.`,
    retryAfter: (seconds: number, at: Date, locale?: string) =>
      `Wait ${duration(seconds, locale)} (until ${timeOfDay(at, locale)}) and try again.`,
  },

  /**
   * Keyed by the code Bigin, the proxy or the app gave: a code travels verbatim to its banner.
   * Every code has an entry, so a new code does not compile without words, or a null that says
   * why it has none.
   */
  errors: {
    INVALID_MODULE: {
      title: 'This module does not exist in Bigin',
      what: 'Bigin does not know the module named in the link, or your profile cannot see it.',
      todo: 'Choose a module and a record from the list.',
    },
    INVALID_URL_PATTERN: {
      title: 'This link is malformed',
      what: 'Bigin could not make sense of the address the app asked for.',
      todo: 'Go back to the record picker and open the record from there.',
    },
    INVALID_DATA: recordNotFound,
    OAUTH_SCOPE_MISMATCH: {
      title: 'The sign-in lacks the attachments permission',
      what: 'When you signed in, Zoho was not asked (or not allowed) to let this app read attachments.',
      todo: 'Sign in again and grant access to attachments.',
    },
    NO_PERMISSION: {
      title: 'Your Bigin profile may not read attachments',
      what: 'Bigin refused because your profile does not allow reading attachment details.',
      todo: 'Ask your Bigin administrator to grant your profile access to attachments.',
    },
    AUTHORIZATION_FAILED: {
      title: 'You do not have the privilege for this',
      what: 'Bigin refused because your profile lacks the privilege to read attachments in this module.',
      todo: 'Ask your Bigin administrator for access to this module.',
    },
    INTERNAL_ERROR: {
      title: 'Bigin had an internal error',
      what: "Something failed on Bigin's side; nothing was changed.",
      todo: 'Try again in a moment. If it keeps failing, quote the request id to your administrator.',
    },
    INVALID_REQUEST_METHOD: {
      title: 'The app and Bigin disagree',
      what: 'Bigin did not accept the kind of request this app sent. This is a fault in the app.',
      todo: 'Please report it, quoting the request id.',
    },
    INVALID_TOKEN: {
      title: 'Your sign-in has ended',
      what: 'Zoho no longer accepts the sign-in this app holds for you.',
      todo: 'Sign in again; you will come back to this page.',
    },
    AUTHENTICATION_FAILURE: {
      title: 'Your sign-in has ended',
      what: 'Bigin received the request without a valid sign-in.',
      todo: 'Sign in again; you will come back to this page.',
    },
    REQUIRED_PARAM_MISSING: {
      title: 'The app left something out',
      what: 'Bigin expected a parameter that the app did not send. This is a fault in the app.',
      todo: 'Please report it, quoting the request id.',
    },
    DOWNLOAD_NOT_ALLOWED: {
      title: 'A link cannot be downloaded',
      what: 'This attachment is a link to another site, not a file kept in Bigin.',
      todo: 'Open the link instead.',
    },
    FILE_SIZE_MORE_THAN_ALLOWED_SIZE: {
      title: 'The file is too large',
      what: 'Bigin does not accept a file of this size.',
      todo: 'Attach a smaller file, or share a link to it instead.',
    },
    FILE_SIZE_EXCEEDS: {
      title: 'The photo is too large',
      what: `Bigin takes a record photo of at most ${formatBytes(RECORD_PHOTO_MAX_BYTES)}, and this one is larger.`,
      todo: 'Choose a smaller image, or save this one smaller or at a lower quality, and upload it again.',
    },
    FILE_RESOLUTION_EXCEEDS: {
      title: 'The photo has too many pixels',
      what: 'Bigin refused the photo because its resolution is higher than Bigin takes for a record photo.',
      todo: 'Scale the image down, for example to 2,000 pixels on its longer side, and upload it again.',
    },
    TOO_MANY_REQUESTS: {
      title: 'Too many requests',
      what: 'Your organisation has used up its Bigin API allowance for the moment.',
      todo: 'Wait a little and try again.',
    },
    PROXY_RATE_LIMITED: {
      title: 'Too many requests',
      what: 'This browser sent more requests than the app allows in a short time.',
      todo: 'Wait a little and try again.',
    },
    PROXY_TOKEN_THROTTLED: {
      title: 'Zoho is pausing new sign-ins',
      what: 'Zoho refuses new access tokens for a while because too many were asked for.',
      todo: 'Wait a few minutes and try again.',
    },
    PROXY_STATE_UNAVAILABLE: {
      title: 'The app cannot reach its session store',
      what: "The app's server lost touch with the store that keeps sign-ins for a moment, so it did not do this.",
      todo: 'Try again shortly; it comes back by itself.',
    },
    PROXY_SIGNED_OUT: {
      title: 'Your session has expired',
      what: 'You are not signed in, or your sign-in has ended.',
      todo: 'Sign in again; you will come back to this page.',
    },
    PROXY_SIGN_IN_FAILED: {
      title: 'Zoho did not complete the sign-in',
      what: 'Zoho did not issue the access the app needs.',
      todo: 'Sign in again.',
    },
    PROXY_RECORD_NOT_FOUND: recordNotFound,
    PROXY_SIGN_IN_STATE: {
      title: 'The sign-in could not be finished',
      what: 'The sign-in was not started in this browser, or it took too long.',
      todo: 'Sign in again.',
    },
    PROXY_UNTRUSTED_ORIGIN: {
      title: 'The sign-in was refused for safety',
      what: 'Zoho pointed the app at a server that is not Zoho, so the app did not follow.',
      todo: 'Try signing in again; if it happens again, report it with the request id.',
    },
    PROXY_BAD_REQUEST: {
      title: 'This link is malformed',
      what: 'The module or record id in the address is not one Bigin could have given.',
      todo: 'Go back to the record picker and open the record from there.',
    },
    PROXY_NOT_FOUND: {
      title: 'This address leads nowhere',
      what: 'The app asked its server for something it does not offer. This is a fault in the app.',
      todo: 'Go back to the record picker; if it happens again, report it with the request id.',
    },
    PROXY_CSRF: {
      title: 'The request was refused for safety',
      what: 'The server could not tell that the request came from this page.',
      todo: 'Reload the page and try again.',
    },
    PROXY_UPSTREAM_UNREACHABLE: {
      title: 'Bigin cannot be reached',
      what: "The app's server could not reach Bigin.",
      todo: 'Try again in a moment.',
    },
    PROXY_UPSTREAM_TIMEOUT: {
      title: 'Bigin did not answer in time',
      what: "The app's server waited for Bigin, but no answer came.",
      todo: 'Try again in a moment.',
    },
    PROXY_UPSTREAM_INVALID: {
      title: 'Bigin answered unexpectedly',
      what: 'Bigin sent an answer the app does not understand, so nothing is shown from it.',
      todo: 'Try again; if it keeps failing, report it with the request id.',
    },
    PROXY_ATTACHMENT_GONE: {
      title: 'This attachment no longer exists',
      what: 'Bigin no longer has this file: it was deleted, or moved to another record, after the list was loaded.',
      todo: 'Reload the page to refresh the list of attachments.',
    },
    PROXY_UPLOAD_SIZE_MISMATCH: {
      title: 'The file changed while it was sent',
      what: 'The bytes sent did not add up to the size the file had when it was chosen, so the upload was stopped and nothing was saved.',
      todo: 'Choose the file again and retry.',
    },
    PROXY_SHUTTING_DOWN: {
      title: 'The app was restarting',
      what: "The app's server was restarting at that moment, so it did not do this (nothing was saved).",
      todo: 'Try again in a moment.',
    },
    PROXY_BODY_TOO_SLOW: {
      title: 'The connection was too slow',
      what: 'What was sent reached the server too slowly, or stopped on the way, so the server stopped waiting and nothing was saved.',
      todo: 'Check your connection and try again.',
    },
    PROXY_REQUEST_TIMEOUT: {
      title: 'The upload took too long',
      what: 'Sending it took longer than the server allows for one request, so it stopped waiting and nothing was saved.',
      todo: 'Try again on a faster connection, or send a smaller file.',
    },
    PROXY_BUSY: {
      title: 'The server is busy',
      what: "The app's server is busy with other calls to Bigin just now, so it did not ask Bigin for this.",
      todo: 'Try again shortly.',
    },
    PROXY_UPSTREAM_PAUSED: {
      title: 'Bigin is failing just now',
      what: "Bigin failed several calls in a row, so the app's server is giving it a few seconds before calling it again.",
      todo: 'Try again in a few seconds.',
    },
    CLIENT_NETWORK_UNREACHABLE: {
      title: 'The server cannot be reached',
      what: 'The app could not reach its server: the network or the server is down.',
      todo: 'Check your connection and try again.',
    },
    CLIENT_BAD_ANSWER: {
      title: 'The server answered unexpectedly',
      what: 'The answer was not in the form the app expects, so nothing is shown from it.',
      todo: 'Try again; if it keeps failing, report it.',
    },
    CLIENT_CODE_UNAVAILABLE: {
      title: 'The page could not be loaded',
      what: "Part of the app's code did not arrive: the connection dropped, or a newer version of the app has been published since this page was opened.",
      todo: 'Reload the page; if it keeps failing, check your connection.',
    },
    // No banner words, on purpose: each of these is answered only where the app says it in
    // other words (named beside it). A banner that meets one anyway shows its code and message
    // in the words for any unknown code.
    /** A link already attached: the link form says so on its field (linkForm.duplicate). */
    DUPLICATE_DATA: null,
    /** The pickers never send a search word Bigin refuses; one that did would be a fault. */
    INVALID_QUERY: null,
    /** The proxy keeps within v2's limits (50 fields, page tokens past 2,000 records). */
    LIMIT_EXCEEDED: null,
    DISCRETE_PAGINATION_LIMIT_EXCEEDED: null,
    /** Upload refusals: each upload's line says why (actionReasons), the photo's snackbar too. */
    PROXY_FILE_TOO_LARGE: null,
    PROXY_BLOCKED_TYPE: null,
    /** Only the preview panel asks for a preview, and it says why it has none. */
    PROXY_PREVIEW_UNSUPPORTED: null,
    /**
     * Only the preview origin answers these, to an `<img>`, a player or a PDF's frame, never to
     * the app's requests: the frame shows the server's page that says so, and an image or player
     * that fails is asked about on the app's own preview route (the panel's words).
     */
    PROXY_PREVIEW_LINK_INVALID: null,
    PROXY_PREVIEW_LINK_EXPIRED: null,
    /** Only the ZIP dialog asks for a ZIP, and it says how many files at most (zip.tooManyFiles). */
    PROXY_ZIP_TOO_MANY_FILES: null,
    /**
     * The app's own requests are never cross-site: only a link followed from another site meets
     * it, and the server's page says so there, with a way into the app.
     */
    PROXY_CROSS_SITE: null,
  } satisfies Record<ErrorCode, ErrorWords | null>,

  /** Working with files: download, preview, upload, links, delete. */
  fileActions: {
    actionsColumn: 'Actions',
    download: (name: string) => `Download ${name}`,
    openLink: (name: string) => `Open ${name} (opens in a new tab)`,
    preview: (name: string) => `Preview ${name}`,
    delete: (name: string) => `Delete ${name}`,
    notEditable: 'Bigin does not let you change this attachment.',
    linkUnsafe: 'This link is not an http or https address, so it is not opened.',
    thumbnail: (name: string) => `Thumbnail of ${name}`,
    toolbar: 'File actions',
    uploadFiles: 'Upload files',
    emptyHint: 'Upload files or attach a link, or drop files anywhere on this page.',
    attachLink: 'Attach a link',
    downloadSelected: (count: number) =>
      count === 0
        ? 'Download as ZIP'
        : `Download ${formatCount(count)} ${count === 1 ? 'file' : 'files'} as ZIP`,
    deleteSelected: (count: number) =>
      count === 0
        ? 'Delete'
        : `Delete ${formatCount(count)} ${count === 1 ? 'attachment' : 'attachments'}`,
    selectFilesFirst: 'Select files in the grid first.',
    dropHere: 'Drop files here to attach them to this record',
    confirmDeleteTitle: (count: number) =>
      count === 1 ? 'Delete this attachment?' : `Delete ${formatCount(count)} attachments?`,
    confirmDeleteText: (count: number) =>
      `${count === 1 ? 'It is' : 'They are'} removed from the record in Bigin. This cannot be undone here.`,
    confirmDelete: 'Delete',
    cancel: 'Cancel',
    close: 'Close',
    deleteRefused: (count: number, reason: string) =>
      `${count === 1 ? 'The attachment was' : `${formatCount(count)} attachments were`} not deleted: ${reason}`,
    deleted: (count: number) =>
      count === 1 ? 'Attachment deleted.' : `${formatCount(count)} attachments deleted.`,
    rowMenu: (name: string) => `Actions for ${name}`,
  },

  /**
   * Why a write failed, as the end of a sentence; keyed by Bigin's or the proxy's code, and
   * CLIENT_ANSWER_LOST for an answer that never came. Only some codes: any other is said in the
   * server's own message (otherReason).
   */
  actionReasons: {
    NO_PERMISSION: 'your Bigin profile does not allow this.',
    AUTHORIZATION_FAILED: 'you do not have the privilege for this in Bigin.',
    INVALID_DATA: 'Bigin does not have this item (any more).',
    FILE_SIZE_MORE_THAN_ALLOWED_SIZE: 'the file is larger than Bigin accepts.',
    PROXY_FILE_TOO_LARGE: 'the file is larger than the upload limit.',
    PROXY_BLOCKED_TYPE: 'files of this type may not be uploaded.',
    PROXY_UPLOAD_SIZE_MISMATCH:
      'the file changed while it was being sent, so nothing was saved; choose it again and retry.',
    PROXY_ATTACHMENT_GONE:
      'this attachment no longer exists in Bigin (it was deleted); refresh the list.',
    DUPLICATE_DATA: 'this link is already attached to the record.',
    INVALID_URL_PATTERN: 'Bigin does not accept this address.',
    TOO_MANY_REQUESTS: 'too many requests to Bigin; wait a little and try again.',
    PROXY_RATE_LIMITED: 'too many requests; wait a little and try again.',
    PROXY_CSRF: 'the request was refused for safety; reload the page.',
    PROXY_SIGNED_OUT: 'your sign-in has ended; sign in again.',
    INVALID_TOKEN: 'your sign-in has ended; sign in again.',
    INTERNAL_ERROR: 'Bigin had an internal error.',
    PROXY_UPSTREAM_UNREACHABLE: 'Bigin could not be reached.',
    PROXY_UPSTREAM_TIMEOUT: 'Bigin did not answer in time.',
    PROXY_SHUTTING_DOWN: 'the server was restarting, so nothing was saved; try again.',
    PROXY_BODY_TOO_SLOW:
      'the file reached the server too slowly (or stopped on the way), so nothing was saved; check your connection and try again.',
    PROXY_REQUEST_TIMEOUT:
      'sending it took longer than the server allows, so nothing was saved; try a faster connection or a smaller file.',
    PROXY_BUSY: 'the server was busy, so nothing was sent to Bigin; try again shortly.',
    PROXY_UPSTREAM_PAUSED:
      'Bigin was failing, so nothing was sent to it; try again in a few seconds.',
    CLIENT_NETWORK_UNREACHABLE: 'the server could not be reached.',
    CLIENT_ANSWER_LOST: 'the answer was lost on the way.',
  } satisfies Partial<Record<ErrorCode | 'CLIENT_ANSWER_LOST', string>>,
  otherReason: (code: string, message: string) => `${message} (${code}).`,

  upload: {
    title: 'Uploads',
    progress: (name: string) => `Uploading ${name}`,
    cancel: (name: string) => `Cancel the upload of ${name}`,
    retry: (name: string) => `Upload ${name} again`,
    dismiss: (name: string) => `Remove ${name} from the list`,
    tooLarge: (limit: string) => `Larger than the upload limit of ${limit}; not sent.`,
    blocked: (extension: string) => `Files of type .${extension} may not be uploaded; not sent.`,
    empty: 'The file is empty; Bigin does not accept empty files.',
    sending: (sent: string, total: string) => `${sent} of ${total}`,
    checking: 'The answer was lost; checking whether the file arrived…',
    done: 'Uploaded.',
    cancelled: 'Cancelled; not uploaded.',
    arrived: 'The answer was lost, but the file arrived: it is in the list. Nothing to retry.',
    notArrived: (reason: string) =>
      `Not uploaded: ${reason} The record was checked; it is safe to retry.`,
    unknown: (reason: string) =>
      `Not confirmed: ${reason} The record could not be checked; look for the file before retrying.`,
    refused: (reason: string) => `Not uploaded: ${reason}`,
    settledCount: (settled: number, total: number) =>
      `${formatCount(settled)} of ${formatCount(total)} finished`,
    expand: 'Show the uploads',
    collapse: 'Hide the uploads',
    close: 'Close the uploads',
    outcomes: 'What became of the uploads',
    outcome: {
      uploaded: (name: string) => `${name} uploaded.`,
      cancelled: (name: string) => `Upload of ${name} cancelled.`,
      rejected: (name: string, reason: string) => `${name}: ${reason}`,
      failed: (name: string, reason: string) => `${name} not uploaded: ${reason}`,
      unknown: (name: string, reason: string) => `${name} not confirmed: ${reason}`,
    },
    outcomeCount: (uploaded: number, total: number) =>
      uploaded === total
        ? `${formatCount(total)} files uploaded.`
        : `${formatCount(uploaded)} of ${formatCount(total)} files uploaded; the uploads say why not the rest.`,
  },

  linkForm: {
    title: 'Attach a link',
    url: 'Address (URL)',
    urlHelper: 'An http:// or https:// address, at most 3000 characters.',
    titleLabel: 'Title (optional)',
    submit: 'Attach',
    badUrl: 'Enter an address that starts with http:// or https://.',
    tooLong: 'An address is at most 3000 characters.',
    duplicate: 'This link is already attached to the record.',
    attached: 'Link attached.',
    suggestion: (url: string) => `Did you mean ${url}?`,
    useSuggestion: 'Use it',
    useSuggestionLabel: (url: string) => `Use it: ${url}`,
  },

  preview: {
    title: (name: string) => `Preview of ${name}`,
    close: 'Close the preview',
    loading: 'Loading the preview…',
    unsupported: 'This type of file cannot be previewed here.',
    failed: 'The preview could not be loaded.',
    failedBecause: (reason: string) => `The preview could not be loaded: ${reason}`,
    download: 'Download',
    pdfFrame: (name: string) => `PDF document ${name}`,
    pdfDownloadOnly:
      'PDF files are not shown here on this server (it has no separate address for previews, which keeps a PDF away from your session). Download the file to read it.',
    truncated: 'Only the beginning of the text is shown; download the file for the rest.',
    previous: (name: string) => `Previous file: ${name}`,
    next: (name: string) => `Next file: ${name}`,
    noPrevious: 'No previous file',
    noNext: 'No next file',
    position: (at: number, of: number) => `${formatCount(at)} of ${formatCount(of)}`,
    details: {
      label: 'File details',
      type: 'Type',
      size: 'Size',
      sizeWithPixels: (size: string, width: string, height: string) =>
        `${size}, ${width} × ${height} pixels`,
      owner: 'Owner',
      created: 'Created',
      modified: 'Modified',
      when: (time: string, by: string) => `${time} by ${by}`,
    },
  },

  zip: {
    title: 'Downloading as a ZIP',
    progress: (bytes: string, files: number) =>
      `${bytes} received, ${formatCount(files)} ${files === 1 ? 'file' : 'files'} so far`,
    current: (name: string) => `Adding ${name}`,
    cancel: 'Cancel',
    cancelled: 'The ZIP download was cancelled.',
    done: (files: number) =>
      `The ZIP is saved with ${formatCount(files)} ${files === 1 ? 'file' : 'files'}.`,
    notIncludedList: (lines: string[]) =>
      `${lines.length === 1 ? 'One file' : `${formatCount(lines.length)} files`} could not be included (NOT-INCLUDED.txt in the ZIP says why): ${lines.join('; ')}`,
    failed: (reason: string) => `The ZIP could not be made: ${reason}`,
    tooManyFiles: (max: number, chosen: number) =>
      `The ZIP could not be made: a ZIP holds at most ${formatCount(max)} files, and ${formatCount(chosen)} were chosen. Nothing was downloaded; choose ${formatCount(max)} or fewer, and make another ZIP of the rest.`,
    rateLimited: (files: number, seconds: number | undefined) =>
      `The ZIP could not be made: each file in a ZIP counts as a request, and ${formatCount(files)} are more than you may still make this minute. Nothing was downloaded; try again ${seconds === undefined ? 'in a minute' : `in ${formatCount(seconds)} ${seconds === 1 ? 'second' : 'seconds'}`}, or choose fewer files.`,
    fileName: (recordId: string) => `attachments-${recordId}.zip`,
  },

  recordPhoto: {
    alt: (name: string) => `Photo of ${name}`,
    menu: (name: string) => `Photo of ${name}: change or remove`,
    upload: 'Upload a photo',
    replace: 'Replace the photo',
    remove: 'Remove the photo',
    confirmRemoveTitle: 'Remove the photo?',
    confirmRemoveText: (name: string) => `The photo of ${name} is removed in Bigin.`,
    notImage: 'This file cannot be a photo: choose a PNG, JPEG, GIF or BMP image.',
    tooLarge: (limit: string) =>
      `The photo is larger than ${limit}: choose a smaller image, or save this one smaller or at a lower quality.`,
    uploading: 'Uploading the photo…',
    failed: (reason: string) => `The photo was not changed: ${reason}`,
    saved: 'Photo saved.',
    removed: 'Photo removed.',
  },

  /** The second meaning of INVALID_MODULE: the module exists, but Bigin's API does not serve it. */
  moduleNotSupported: {
    title: 'Bigin does not offer this module to apps',
    what: 'The module exists in Bigin, but Bigin does not serve it through its API, so its attachments cannot be listed here.',
    todo: 'Choose another module and a record from the list.',
  } satisfies ErrorWords,

  /** INVALID_DATA answering a photo upload with 415: the file is not an image Bigin can take. */
  photoTypeRefused: {
    title: 'Bigin does not take this file as a photo',
    what: 'Bigin takes a record photo only as a PNG, JPEG, GIF or BMP image, and could not read this file as one.',
    todo: 'Choose an image in one of these formats, or save this one as PNG or JPEG, and upload it again.',
  } satisfies ErrorWords,

  /** Any code without words of its own. */
  unknownError: {
    title: 'Something went wrong',
    what: (code: string, message: string) => `The server answered ${code}: ${message}`,
    todo: 'Try again; if it keeps failing, report it with the request id.',
  },
};

export type Messages = typeof messages;
