import { Box, Typography } from '@mui/material';
import type { Attachment } from '../../../shared/bigin-attachment.ts';
import { messages } from '../../i18n/messages.ts';
import { formatCount } from '../../lib/format.ts';
import { columnText } from '../attachments/column-text.ts';
import { fileKind } from '../attachments/file-kind.ts';
import type { ImageSize } from './preview-body.tsx';

const words = messages.preview.details;

/**
 * What is known of the file: its type, size (and pixels, for an image), owner, and when and by
 * whom it was created and last changed, in the grid's own words (a dash for what Bigin did not
 * send).
 */
export function PreviewDetails({ row, image }: { row: Attachment; image: ImageSize | undefined }) {
  const entries: [string, string][] = [
    [words.type, messages.attachments.kind[fileKind(row)]],
    [
      words.size,
      image
        ? words.sizeWithPixels(
            columnText.Size(row),
            formatCount(image.width),
            formatCount(image.height),
          )
        : columnText.Size(row),
    ],
    [words.owner, columnText.Owner(row)],
    [words.created, words.when(columnText.Created_Time(row), columnText.Created_By(row))],
    [words.modified, words.when(columnText.Modified_Time(row), columnText.Modified_By(row))],
  ];
  return (
    <Box
      component="dl"
      aria-label={words.label}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: 'max-content 1fr',
        columnGap: 2,
        rowGap: 0.5,
        flex: 'none',
      }}
    >
      {entries.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {term}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
