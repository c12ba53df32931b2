import { Box, Container, Link, Typography } from '@mui/material';
import { Suspense, useEffect, useRef, type CSSProperties } from 'react';
import { Link as RouterLink, Outlet, useLocation } from 'react-router';
import { AccountButton } from '../features/account/account-button.tsx';
import { messages } from '../i18n/messages.ts';
import { PageErrorBoundary } from './page-error-boundary.tsx';
import { PAGE, px, sxPx } from './record-page-geometry.ts';

const MAIN_ID = 'main-content';
/**
 * The bar's links and buttons in a row: the app's name first, the account button last. As tall
 * as the bar, so that the account button's arriving moves nothing.
 */
const barNav: CSSProperties = {
  display: 'flex',
  flex: 1,
  alignSelf: 'stretch',
  alignItems: 'center',
  justifyContent: 'space-between',
};

export function Layout() {
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstPage = useRef(true);
  useEffect(() => {
    // After moving to another page, keyboard and screen-reader users start at its content, not
    // wherever the element they used on the previous page had been.
    if (firstPage.current) firstPage.current = false;
    else main.current?.focus();
  }, [pathname]);

  return (
    <>
      {/* The first stop of the Tab key: straight past the bar to the page itself. */}
      <Link
        href={`#${MAIN_ID}`}
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: 'tooltip',
          p: 1,
          bgcolor: 'background.paper',
          '&:focus': { top: 8 },
        }}
      >
        {messages.app.skipToContent}
      </Link>
      {/*
        The bar is drawn by the first frame's styles (first-paint.css: MUI's AppBar and Toolbar,
        their colours and height from the theme), so it is where the frame drew it, and it
        mounts as plain elements instead of five styled components.
      */}
      <header className="first-paint-bar">
        <nav aria-label={messages.app.mainNavigation} style={barNav}>
          {/* The name's line in the link's, as the frame's nav holds it: the same baseline. */}
          <RouterLink to="/">
            <span className="first-paint-type-h6">{messages.app.name}</span>
          </RouterLink>
          <AccountButton />
        </nav>
      </header>
      <Container
        component="main"
        ref={main}
        id={MAIN_ID}
        tabIndex={-1}
        maxWidth={PAGE.maxWidth}
        sx={{ py: px(PAGE.paddingY), px: sxPx(PAGE.gutter), '&:focus': { outline: 'none' } }}
      >
        {/* While a page's code loads, the bar stays and the page's place says so. */}
        <PageErrorBoundary resetKey={pathname}>
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </Container>
    </>
  );
}

/** Shown while a page's code loads. */
export function PageLoading() {
  return (
    <Box role="status" sx={{ p: px(PAGE.loadingPadding) }}>
      <Typography color="text.secondary">{messages.app.loadingPage}</Typography>
    </Box>
  );
}
