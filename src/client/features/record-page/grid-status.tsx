import { Button, LinearProgress, Stack, Typography } from '@mui/material';
import { FILE_TOOLBAR } from '../../app/record-page-geometry.ts';
import { messages } from '../../i18n/messages.ts';
import { isWholeRecordView, type GridViewState } from '../attachments/grid-view-state.ts';
import type { LoadedAttachments } from '../attachments/use-attachment-pages.ts';

const gridText = messages.attachments;

interface GridStatusProps {
  view: GridViewState;
  loaded: LoadedAttachments;
  /** Rows held, with any just uploaded that Bigin lists on a page not loaded. */
  heldCount: number;
  shownCount: number;
  loadingAll: boolean;
  stopped: boolean;
  stop: () => void;
  loadRest: () => void;
}

/**
 * The line between the file toolbar and the grid: how many attachments the record has (once
 * known) or how many are loaded, how many the view matches, and while a search, sort or filter
 * loads the rest of the record, its progress and a way to stop it.
 */
export function GridStatus({
  view,
  loaded,
  heldCount,
  shownCount,
  loadingAll,
  stopped,
  stop,
  loadRest,
}: GridStatusProps) {
  const filtered = view.search !== '' || view.type !== null;
  return (
    <Stack
      direction="row"
      spacing={2}
      sx={{ alignItems: 'center', minHeight: FILE_TOOLBAR.statusLineHeight, flexWrap: 'wrap' }}
    >
      <Typography variant="body2" role="status" aria-live="polite">
        {loaded.initialLoading ? '' : gridText.loadedCount(heldCount, loaded.moreRecords)}
        {filtered && !loaded.initialLoading
          ? ` · ${gridText.matchCount(shownCount, view.search !== '')}`
          : ''}
        {loaded.loadingMore && !loadingAll ? ` · ${gridText.loadingMore}` : ''}
        {loaded.unreadable > 0 ? ` · ${gridText.unreadable(loaded.unreadable)}` : ''}
        {loadingAll ? ` · ${gridText.loadingAll(loaded.rows.length)}` : ''}
      </Typography>
      {loadingAll && !loaded.initialLoading && (
        <>
          <LinearProgress aria-label={gridText.loadingAllProgress} sx={{ width: 96 }} />
          <Button size="small" onClick={stop}>
            {gridText.stopLoading}
          </Button>
        </>
      )}
      {stopped && isWholeRecordView(view) && (
        <>
          <Typography variant="body2" color="text.secondary">
            {gridText.stopped(loaded.rows.length)}
          </Typography>
          <Button size="small" onClick={loadRest}>
            {gridText.loadRest}
          </Button>
        </>
      )}
    </Stack>
  );
}
