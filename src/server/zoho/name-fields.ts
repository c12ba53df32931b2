import { fieldMetadataSchema } from '../../shared/bigin-record.ts';
import { biginPath, type BiginClient, type TokenSource } from './bigin-client.ts';

/**
 * The name fields Bigin's pages document, for when the field metadata cannot be read (a token
 * granted before the app asked for `ZohoBigin.settings.fields.READ`, or a failing call). Events
 * are titled (`Event_Title`), not given a subject.
 */
const DOCUMENTED_NAME_FIELDS: Record<string, string> = {
  Contacts: 'Full_Name',
  Accounts: 'Account_Name',
  Deals: 'Deal_Name',
  Pipelines: 'Deal_Name',
  Products: 'Product_Name',
  Tasks: 'Subject',
  Events: 'Event_Title',
  Calls: 'Subject',
};

/** How long a module's name field is kept: field metadata changes when an admin edits a layout. */
const KEEP_MS = 60 * 60_000;
/** How long a documented fallback stands in before the metadata is asked again. */
const FALLBACK_KEEP_MS = 5 * 60_000;

/**
 * Each module's name field, read from Bigin's field metadata (`GET /settings/fields?module=`,
 * the field marked `display_field`) instead of a table, so that renamed or custom modules name
 * their records too. One organisation per deployment: the answer is shared by every user, and
 * concurrent asks for a module make one call.
 */
export class NameFields {
  private readonly known = new Map<string, { field: Promise<string>; until: number }>();

  constructor(
    private readonly bigin: BiginClient,
    private readonly now: () => number = Date.now,
  ) {}

  of(tokens: TokenSource, module: string): Promise<string> {
    const held = this.known.get(module);
    if (held && held.until > this.now()) return held.field;
    const entry: { field: Promise<string>; until: number } = {
      field: Promise.resolve(''),
      until: this.now() + KEEP_MS,
    };
    entry.field = this.read(tokens, module, entry);
    this.known.set(module, entry);
    return entry.field;
  }

  private async read(
    tokens: TokenSource,
    module: string,
    entry: { until: number },
  ): Promise<string> {
    try {
      const fields = await this.bigin.getJson(
        tokens,
        biginPath(['settings', 'fields'], { module }),
        fieldMetadataSchema,
      );
      const marked = fields?.find((f) => f.display_field)?.api_name;
      if (marked) return marked;
    } catch {
      // Read below from the documented names; asked again after FALLBACK_KEEP_MS.
    }
    entry.until = this.now() + FALLBACK_KEEP_MS;
    return DOCUMENTED_NAME_FIELDS[module] ?? 'Name';
  }
}
