import AccountIcon from '@mui/icons-material/AccountCircleOutlined';
import { Avatar, Box, Button } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { messages } from '../../i18n/messages.ts';
import { sessionQuery } from '../../lib/session-query.ts';
import { initialsOf } from '../../lib/initials.ts';

// The menu and its sign-out load when first opened: the first page carries only the button.
const AccountMenu = lazy(() =>
  import('./account-menu.tsx').then((m) => ({ default: m.AccountMenu })),
);

const words = messages.account;

/**
 * The app bar's account button: who is signed in (their initials; their name too where the bar
 * has room), opening a menu with their email, sign-out and switch user. Nothing until the
 * session is known, and nothing for a visitor who is not signed in.
 */
export function AccountButton() {
  const session = useQuery(sessionQuery());
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const data = session.data;
  if (!data?.signedIn) return null;
  const name = data.user?.name;
  return (
    <>
      <Button
        color="inherit"
        aria-label={name ? words.button(name) : words.signedIn}
        aria-haspopup="true"
        aria-expanded={anchor !== null}
        onClick={(event) => setAnchor(event.currentTarget)}
        sx={{ textTransform: 'none', gap: 1, minWidth: 0, px: 1 }}
      >
        {name ? (
          <Avatar
            aria-hidden
            sx={{
              width: 32,
              height: 32,
              fontSize: 14,
              bgcolor: 'background.paper',
              color: 'text.primary',
            }}
          >
            {initialsOf(name)}
          </Avatar>
        ) : (
          <AccountIcon aria-hidden />
        )}
        <Box
          component="span"
          aria-hidden
          sx={{
            display: { xs: 'none', sm: 'inline' },
            maxWidth: 240,
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
          }}
        >
          {name ?? words.signedIn}
        </Box>
      </Button>
      {anchor && (
        <Suspense fallback={null}>
          <AccountMenu session={data} anchor={anchor} onClose={() => setAnchor(null)} />
        </Suspense>
      )}
    </>
  );
}
