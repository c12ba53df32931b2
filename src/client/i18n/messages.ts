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

export const messages = {
  app: {
    name: 'Bigin Attachments',
    mainNavigation: 'Main',
    skipToContent: 'Skip to the main content',
    loadingPage: 'Loading the page…',
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
    recordHelper: 'Type two or more letters to search, or choose a recent record.',
    chooseModuleFirst: 'Choose a module first.',
    searching: 'Searching…',
    loadingRecent: 'Loading recent records…',
    noMatches: (word: string) => `No record matches “${word}”.`,
    noRecords: 'This module has no records yet.',
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
    recordIdHelper: "The digits at the end of the record's address in Bigin.",
    invalidModule: 'A module name is letters, digits and underscores.',
    invalidRecordId: 'A Bigin record id is 1 to 19 digits.',
    submit: 'Show attachments',
  },

  recordHeader: {
    backToPickers: 'Choose another record',
    loading: 'Loading the record…',
    unnamed: (moduleLabel: string, id: string) => `${moduleLabel} ${id}`,
    recordId: (id: string) => `Id ${id}`,
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

  /** Keyed by the code Bigin or the proxy gave: a code travels verbatim to its banner. */
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
    INVALID_DATA: {
      title: 'This record does not exist',
      what: 'Bigin has no record with this id in this module. It may have been deleted, or the link is wrong.',
      todo: 'Choose the record again from the list.',
    },
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
    PROXY_RECORD_NOT_FOUND: {
      title: 'This record does not exist',
      what: 'Bigin has no record with this id in this module. It may have been deleted, or the link is wrong.',
      todo: 'Choose the record again from the list.',
    },
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
  } satisfies Record<string, ErrorWords> as Record<string, ErrorWords>,

  /** The second meaning of INVALID_MODULE: the module exists, but Bigin's API does not serve it. */
  moduleNotSupported: {
    title: 'Bigin does not offer this module to apps',
    what: 'The module exists in Bigin, but Bigin does not serve it through its API, so its attachments cannot be listed here.',
    todo: 'Choose another module and a record from the list.',
  } satisfies ErrorWords,

  /** Any code without words of its own. */
  unknownError: {
    title: 'Something went wrong',
    what: (code: string, message: string) => `The server answered ${code}: ${message}`,
    todo: 'Try again; if it keeps failing, report it with the request id.',
  },
};

export type Messages = typeof messages;
