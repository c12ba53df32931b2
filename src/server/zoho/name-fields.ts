import { fieldMetadataSchema } from '../../shared/bigin-record.ts';
import { biginPath, forCaller, type BiginClient, type TokenSource } from './bigin-client.ts';

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

/**
 * The fields that tell two records of a module apart in the record picker, most telling first:
 * a contact's email and company, a company's website, a pipeline's company and stage... Only
 * those the module's field metadata lists are asked for (v2 wants each field by name, and a name
 * it does not know may be refused). The activities' `Related_To` is the sandbox's and CRM's
 * `What_Id`/`Who_Id` are Zoho's usual names: which of them Bigin's activities carry is not
 * documented, so any that the metadata lists serves.
 */
const SECONDARY_FIELDS: Record<string, string[]> = {
  Contacts: ['Email', 'Account_Name', 'Mobile', 'Phone'],
  Accounts: ['Website', 'Phone', 'Billing_City'],
  Deals: ['Account_Name', 'Contact_Name', 'Stage'],
  Pipelines: ['Account_Name', 'Contact_Name', 'Stage'],
  Products: ['Product_Code', 'Product_Category'],
  Tasks: ['Related_To', 'What_Id', 'Who_Id', 'Due_Date'],
  Events: ['Related_To', 'What_Id', 'Who_Id', 'Start_DateTime'],
  Calls: ['Related_To', 'What_Id', 'Who_Id', 'Call_Start_Time'],
};

/** What the record picker needs to know of a module's fields. */
export interface ModuleFields {
  /** The field a record is named by. */
  name: string;
  /** Fields that tell records apart, which the module has (from its metadata; else none). */
  secondary: string[];
  /** A field of type email, when the module has one: Bigin's `search?email=` looks there. */
  email: string | undefined;
}

/** How long a module's fields are kept: field metadata changes when an admin edits a layout. */
const KEEP_MS = 60 * 60_000;
/** How long a documented fallback stands in before the metadata is asked again. */
const FALLBACK_KEEP_MS = 5 * 60_000;

/**
 * Each module's name field, and the fields the record picker shows beside it, read from Bigin's
 * field metadata (`GET /settings/fields?module=`, the field marked `display_field`, the fields'
 * `data_type`) instead of a table, so that renamed or custom modules name their records too.
 * One organisation per deployment: the answer is shared by every user, and concurrent asks for a
 * module make one call.
 */
export class NameFields {
  private readonly known = new Map<string, { fields: Promise<ModuleFields>; until: number }>();

  constructor(
    private readonly bigin: BiginClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The module's name field. */
  async of(tokens: TokenSource, module: string): Promise<string> {
    return (await this.fieldsOf(tokens, module)).name;
  }

  fieldsOf(tokens: TokenSource, module: string): Promise<ModuleFields> {
    const held = this.known.get(module);
    if (held && held.until > this.now()) return held.fields;
    const entry: { fields: Promise<ModuleFields>; until: number } = {
      fields: Promise.resolve(documented(module)),
      until: this.now() + KEEP_MS,
    };
    entry.fields = this.read(tokens, module, entry);
    this.known.set(module, entry);
    return entry.fields;
  }

  private async read(
    tokens: TokenSource,
    module: string,
    entry: { until: number },
  ): Promise<ModuleFields> {
    // Read once for every request that asks meanwhile: the first asker's leaving ends no call.
    const forAll = tokens.call ? forCaller(tokens, { caller: tokens.call.caller }) : tokens;
    try {
      const fields = await this.bigin.getJson(
        forAll,
        biginPath(['settings', 'fields'], { module }),
        fieldMetadataSchema,
      );
      const marked = fields?.find((f) => f.display_field)?.api_name;
      if (fields && marked) {
        const listed = new Set(fields.map((f) => f.api_name));
        return {
          name: marked,
          secondary: (SECONDARY_FIELDS[module] ?? []).filter((f) => listed.has(f)),
          email: fields.find((f) => f.data_type === 'email')?.api_name,
        };
      }
    } catch {
      // Read below from the documented names; asked again after FALLBACK_KEEP_MS.
    }
    entry.until = this.now() + FALLBACK_KEEP_MS;
    return documented(module);
  }
}

/** Without the metadata: the documented name field, and nothing beside it that might not exist. */
const documented = (module: string): ModuleFields => ({
  name: DOCUMENTED_NAME_FIELDS[module] ?? 'Name',
  secondary: [],
  email: undefined,
});
