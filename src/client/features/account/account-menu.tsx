import LogoutIcon from '@mui/icons-material/Logout';
import SwitchIcon from '@mui/icons-material/SwitchAccountOutlined';
import {
  Alert,
  Box,
  Divider,
  ListItemIcon,
  ListItemText,
  MenuItem,
  MenuList,
  Popover,
  Typography,
} from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { apiPaths, type Session } from '../../../shared/api-contract.ts';
import { messages } from '../../i18n/messages.ts';
import { byCode } from '../../components/error-messages.ts';
import { ApiClientError, apiWrite } from '../../lib/api-client.ts';
import { leaveTo } from '../../lib/leave-to.ts';

const words = messages.account;

/** Where a sign-out lands: the proxy's page that offers a new sign-in. */
const SIGNED_OUT_PAGE = '/auth/signed-out';

interface AccountMenuProps {
  session: Session;
  anchor: HTMLElement;
  onClose: () => void;
}

/**
 * Who is signed in (name and email), then sign out (the proxy revokes the refresh token at Zoho)
 * and switch user (sign out, then Zoho's consent page again, where another account can be
 * chosen, coming back to this same page). Service mode has one user for everyone: nothing to
 * sign out of.
 */
export function AccountMenu({ session, anchor, onClose }: AccountMenuProps) {
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  const signOut = useMutation({
    mutationFn: async (then: string) => {
      await apiWrite(apiPaths.signOut(), { method: 'POST' });
      return then;
    },
    onSuccess: (then) => leaveTo(then),
  });
  const service = session.mode === 'service';
  const user = session.user;
  return (
    // A popover rather than a menu: who is signed in is read above the menu's choices, not as one.
    <Popover
      anchorEl={anchor}
      open
      onClose={onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
      transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      slotProps={{ paper: { sx: { maxWidth: 320 } } }}
    >
      <Box sx={{ px: 2, pt: 1.5, pb: 1 }}>
        <Typography variant="subtitle2" component="p" sx={{ overflowWrap: 'anywhere' }}>
          {user?.name ?? words.signedIn}
        </Typography>
        {user?.email && (
          <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
            {user.email}
          </Typography>
        )}
        {service && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
            {words.serviceNote}
          </Typography>
        )}
      </Box>
      {!service && (
        <>
          <Divider />
          <MenuList autoFocusItem aria-label={words.menu} dense>
            <MenuItem
              disabled={signOut.isPending}
              onClick={() => signOut.mutate(apiPaths.signIn(here))}
            >
              <ListItemIcon>
                <SwitchIcon fontSize="small" aria-hidden />
              </ListItemIcon>
              <ListItemText>{words.switchUser}</ListItemText>
            </MenuItem>
            <MenuItem disabled={signOut.isPending} onClick={() => signOut.mutate(SIGNED_OUT_PAGE)}>
              <ListItemIcon>
                <LogoutIcon fontSize="small" aria-hidden />
              </ListItemIcon>
              <ListItemText>{signOut.isPending ? words.signingOut : words.signOut}</ListItemText>
            </MenuItem>
          </MenuList>
        </>
      )}
      {signOut.isError && (
        <Alert severity="error" role="alert" sx={{ m: 1 }}>
          {words.signOutFailed(reasonOf(signOut.error))}
        </Alert>
      )}
    </Popover>
  );
}

/** Why the sign-out failed, as the end of a sentence. */
function reasonOf(error: unknown): string {
  if (!(error instanceof ApiClientError)) return messages.actionReasons.CLIENT_ANSWER_LOST;
  return (
    byCode(messages.actionReasons, error.code) ??
    messages.otherReason(error.code, error.body.message)
  );
}
