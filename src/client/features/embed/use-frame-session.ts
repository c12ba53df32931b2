import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { SessionUser } from '../../../shared/api-contract.ts';
import { embedPaths, type FrameToken } from '../../../shared/embed-contract.ts';
import {
  apiWrite,
  setApiAuthorization,
  subscribeAuthorizationEnded,
} from '../../lib/api-client.ts';
import { sessionKeys } from '../../lib/session-query.ts';
import { embedKeys } from './embed-queries.ts';
import { keepFrameToken, readFrameToken } from './frame-token-store.ts';

/** Where the frame's own sign-in stands. */
export type FrameSession =
  /** No frame token: a signed link, the session's cookie, or a sign-in to offer. */
  | { status: 'none' }
  | { status: 'active'; token: string }
  /**
   * The proxy said the token's sign-in is over (an hour unused, or signed out elsewhere). It is
   * still sent until the next sign-in, so that whatever fails meanwhile says why; it is no longer
   * stored.
   */
  | { status: 'ended'; token: string }
  /** Signed out here, from the widget. */
  | { status: 'signed-out' };

const sameUser = (a: SessionUser | undefined, b: SessionUser | undefined) =>
  a !== undefined && b !== undefined && a.name === b.name && a.email === b.email;

/**
 * The frame token of a widget that has no signed link: read from this tab's storage at first,
 * taken from the sign-in window's code, dropped when the proxy says its sign-in ended or when the
 * user signs out here. `bearer` is what the HTTP client must send (null: the cookie alone).
 */
export function useFrameSession(hasLink: boolean) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<FrameSession>(() => {
    const token = hasLink ? null : readFrameToken();
    return token ? { status: 'active', token } : { status: 'none' };
  });

  useEffect(
    () =>
      subscribeAuthorizationEnded(() => {
        keepFrameToken(null);
        setSession((now) =>
          now.status === 'active' ? { status: 'ended', token: now.token } : now,
        );
      }),
    [],
  );

  /** A new frame token, for `user`; `before` is who was signed in here until now, if anyone. */
  const signedIn = useCallback(
    (granted: FrameToken, before: SessionUser | undefined) => {
      keepFrameToken(granted.token);
      // Every request from here on carries it, including those the queries below make at once.
      setApiAuthorization(granted.token);
      setSession({ status: 'active', token: granted.token });
      // The same user again: what is on screen stays, asked for again. Anyone else: nothing of
      // the last user's data stays.
      if (sameUser(before, granted.user)) void queryClient.invalidateQueries();
      else void queryClient.resetQueries();
    },
    [queryClient],
  );

  /** Ends the sign-in behind the token (and the token); forgotten here whatever the answer. */
  const signOut = useCallback(async () => {
    try {
      await apiWrite(embedPaths.signOut(), { method: 'POST' });
    } catch {
      // Unreachable or already over: the token is forgotten all the same, and its hour runs out.
    }
    keepFrameToken(null);
    setApiAuthorization(null);
    setSession({ status: 'signed-out' });
    // Nothing of the user's stays (the widget's own context aside), and who is signed in here is
    // asked again.
    const kept = new Set<unknown>([sessionKeys.all[0], embedKeys.all[0]]);
    queryClient.removeQueries({ predicate: (query) => !kept.has(query.queryKey[0]) });
    void queryClient.resetQueries({ queryKey: sessionKeys.all });
  }, [queryClient]);

  const bearer = session.status === 'active' || session.status === 'ended' ? session.token : null;
  return { session, bearer, signedIn, signOut };
}
