import { CLIENT_ERROR_CODES } from '../lib/api-client.ts';

/** What a banner says: the title, what happened in plain words, and what to do. */
export interface ErrorText {
  title: string;
  what: string;
  todo: string;
  /** The action the banner offers, where one exists. */
  action?: 'choose-record' | 'retry';
  /** Whether the request id is worth quoting to whoever runs the service. */
  quoteRequestId?: boolean;
}

/** Every banner's words, in one place, keyed by the error code Bigin or the proxy gave. */
export const ERROR_TEXTS: Record<string, ErrorText> = {
  INVALID_MODULE: {
    title: 'This module does not exist in Bigin',
    what: 'Bigin does not know the module named in the link, or does not offer it through its API.',
    todo: 'Choose a module and a record from the list.',
    action: 'choose-record',
  },
  INVALID_URL_PATTERN: {
    title: 'This link is malformed',
    what: 'Bigin could not make sense of the address the app asked for.',
    todo: 'Go back to the record picker and open the record from there.',
    action: 'choose-record',
  },
  INVALID_DATA: {
    title: 'This record does not exist',
    what: 'Bigin has no record with this id in this module. It may have been deleted, or the link is wrong.',
    todo: 'Choose the record again from the list.',
    action: 'choose-record',
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
    action: 'retry',
    quoteRequestId: true,
  },
  INVALID_REQUEST_METHOD: {
    title: 'The app and Bigin disagree',
    what: 'Bigin did not accept the kind of request this app sent. This is a fault in the app.',
    todo: 'Please report it, quoting the request id.',
    quoteRequestId: true,
  },
  TOO_MANY_REQUESTS: {
    title: 'Too many requests',
    what: 'Your organisation has used up its Bigin API allowance for the moment.',
    todo: 'Wait a little and try again.',
    action: 'retry',
  },
  [CLIENT_ERROR_CODES.NETWORK]: {
    title: 'The server cannot be reached',
    what: 'The app could not reach its server: the network or the server is down.',
    todo: 'Check your connection and try again.',
    action: 'retry',
  },
};

/** Any code without words of its own: shown with its code and message. */
export function errorTextFor(code: string, message: string): ErrorText {
  return (
    ERROR_TEXTS[code] ?? {
      title: 'Something went wrong',
      what: `The server answered ${code}: ${message}`,
      todo: 'Try again; if it keeps failing, report it with the request id.',
      action: 'retry',
      quoteRequestId: true,
    }
  );
}
