import { AppBar, Container, Link, Toolbar, Typography } from '@mui/material';
import { Link as RouterLink, Outlet } from 'react-router';

export function Layout() {
  return (
    <>
      <AppBar position="static" elevation={0}>
        <Toolbar component="nav" aria-label="Main">
          <Link component={RouterLink} to="/" color="inherit" underline="none">
            <Typography variant="h6" component="span">
              Bigin Attachments
            </Typography>
          </Link>
        </Toolbar>
      </AppBar>
      <Container component="main" maxWidth="lg" sx={{ py: 3 }}>
        <Outlet />
      </Container>
    </>
  );
}
