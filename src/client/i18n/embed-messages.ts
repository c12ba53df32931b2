import type { EmbedErrorCode } from '../../shared/embed-contract.ts';
import type { ErrorWords } from './messages.ts';

/** The words of the embedded widget (the `/embed/...` page and the Bigin widget page). */
export const embedMessages = {
  gridLabel: 'Attachments',
  loading: 'Loading…',
  notAllowedHere: {
    title: 'This page may not show these attachments',
    what: 'The page around this widget is not one the attachments may be shown in.',
    todo: 'Open the attachments in Bigin Attachments itself, or ask whoever runs it to allow this site.',
  },
  errors: {
    PROXY_EMBED_TOKEN_INVALID: {
      title: 'This link is not valid',
      what: 'The link to these attachments was not made by this server, or it was changed.',
      todo: 'Reload the page around it to get a new link; if that does not help, ask its owner.',
    },
    PROXY_EMBED_TOKEN_EXPIRED: {
      title: 'This link has expired',
      what: 'Links to attachments last a short while, and this one is over.',
      todo: 'Reload the page around it to get a new link.',
    },
    PROXY_EMBED_WRONG_RECORD: {
      title: 'This link is for another record',
      what: 'The link names a different record from the one asked for.',
      todo: 'Reload the page around it; if that does not help, ask its owner.',
    },
    PROXY_EMBED_ACTION_DENIED: {
      title: 'Not allowed by this link',
      what: 'The link to these attachments does not allow this.',
      todo: 'Ask for a link that allows it, or open the record in Bigin Attachments.',
    },
    PROXY_EMBED_OUT_OF_SCOPE: {
      title: 'Not allowed by this link',
      what: 'A link to attachments reaches its one record only.',
      todo: 'Open Bigin Attachments itself to see other records.',
    },
    PROXY_EMBED_DISABLED: {
      title: 'Links to attachments are off',
      what: 'This server does not accept links to attachments.',
      todo: 'Ask whoever runs Bigin Attachments to set EMBED_SECRET.',
    },
    PROXY_EMBED_CODE_REFUSED: {
      title: 'The sign-in did not reach this widget',
      what: 'The sign-in window handed over a code this widget could not use: it was used already, came too late (after a minute), or was not made for this widget.',
      todo: 'Sign in again.',
    },
    PROXY_EMBED_SESSION_ENDED: {
      title: 'Your session in this widget ended: sign in again',
      what: 'Your sign-in here was not used for an hour, or it was ended (a sign-out, perhaps in another tab).',
      todo: 'Sign in again to go on: what is on screen stays, and an upload that did not go through can be retried.',
    },
  } satisfies Record<EmbedErrorCode, ErrorWords>,
  signIn: {
    first: {
      title: 'Sign in to see these attachments',
      what: 'Sign in with Zoho in a window of its own: this widget then shows the attachments with your own Bigin permissions, for as long as this tab is open.',
    },
    ended: {
      title: 'Your session in this widget ended: sign in again',
      what: 'It was not used for an hour, or it was ended (a sign-out, perhaps in another tab). What is on screen stays; sign in again to go on, then retry an upload that did not go through.',
    },
    'signed-out': {
      title: 'You signed out of this widget',
      what: 'Sign in again to see the attachments.',
    },
    button: 'Sign in in a new window',
    openInTab: 'Open in a new tab',
    waiting: 'Waiting for the sign-in in the other window…',
    blocked:
      'The browser did not open the sign-in window: allow pop-ups for this page and try again, or open the attachments in a new tab.',
    abandoned:
      'The sign-in window closed before it finished. Try again; if it keeps happening, open the attachments in a new tab.',
    unavailable:
      'This browser cannot sign in inside this widget (it is not served over https). Open the attachments in a new tab.',
    failed: (code: string) => `The sign-in did not reach this widget (${code}). Try again.`,
  },
  account: {
    signedInAs: (name: string) => `Signed in as ${name}`,
    signOut: 'Sign out',
  },
  biginWidget: {
    waiting: 'Waiting for Bigin to say which record is open…',
    noRecord: 'Bigin did not name a record: open this widget on a record’s page.',
    firstOfMany: (count: number) =>
      `${count} records are selected: showing the attachments of the first.`,
  },
};
