import { z } from 'zod/mini';
import { biginIdSchema } from './bigin-attachment.ts';
import { moduleNameSchema } from './modules.ts';

/**
 * The messages the widget and the page that frames it exchange through `postMessage`. Every
 * message carries `source`, so that a host listening to several frames (or to browser
 * extensions) can tell the widget's apart; the widget acts only on messages that pass these
 * schemas, from an allowed origin.
 */
export const EMBED_MESSAGE_SOURCE = 'bigin-attachments';

const base = { source: z.literal(EMBED_MESSAGE_SOURCE) };

/** From the widget to its host. */
export const widgetMessageSchema = z.discriminatedUnion('type', [
  /** The widget has loaded what it shows (or its banner). */
  z.object({ ...base, type: z.literal('ready'), module: z.string(), recordId: z.string() }),
  /** Its content's height in CSS pixels: the host sizes the iframe to it. */
  z.object({ ...base, type: z.literal('resize'), height: z.number().check(z.nonnegative()) }),
  /** The error code its banner shows (a PROXY_ code, Bigin's own, or EMBED_NOT_ALLOWED_HERE). */
  z.object({ ...base, type: z.literal('error'), code: z.string() }),
  /** The user opened or downloaded an attachment (a file, its preview, or a link). */
  z.object({
    ...base,
    type: z.literal('file-opened'),
    attachmentId: z.string(),
    how: z.enum(['download', 'preview', 'link']),
  }),
]);
export type WidgetMessage = z.infer<typeof widgetMessageSchema>;
/** A widget message without its `source`, one type at a time. */
export type WidgetMessageBody = WidgetMessage extends infer M
  ? M extends WidgetMessage
    ? Omit<M, 'source'>
    : never
  : never;

/** From the host to the widget (no `source` needed). Anything else, or from another origin, is ignored. */
export const hostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('show-record'),
    module: moduleNameSchema,
    recordId: biginIdSchema,
    /** A signed link for that record, minted by the host's server; without it, the session's. */
    token: z.optional(z.string().check(z.maxLength(2000))),
  }),
]);
export type HostMessage = z.infer<typeof hostMessageSchema>;

/**
 * From the sign-in window to the frame that opened it, posted at the app's own origin only: the
 * one-time code that frame trades, with its nonce, for a frame token.
 */
export const signInCodeMessageSchema = z.object({
  ...base,
  type: z.literal('sign-in-code'),
  code: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type SignInCodeMessage = z.infer<typeof signInCodeMessageSchema>;

/** Builds a widget message without repeating `source`. */
export const widgetMessage = (message: WidgetMessageBody): WidgetMessage =>
  ({ source: EMBED_MESSAGE_SOURCE, ...message }) as WidgetMessage;
