import { createHash } from 'node:crypto';
import type { DocumentedUser } from '../shared/bigin-attachment.ts';
import { docSampleAttachmentList } from '../shared/doc-samples.ts';
import { formatBiginTime } from './bigin-time.ts';
import { contentTypeFor, recipeSize, type FileRecipe } from './file-bytes.ts';
import { createRng, randomInt } from './prng.ts';
import type { SeedRecord, StoredAttachment } from './seed-types.ts';
import {
  COMPANY_RECORD_ID,
  DEAL_RECORD_ID,
  EVENT_RECORD_ID,
  DOC_REQUEST_RECORD_ID,
  HOSTILE_NAMES_RECORD_ID,
  LINKS_RECORD_ID,
  PRODUCT_RECORD_ID,
  SIZES_RECORD_ID,
  THOUSAND_ATTACHMENTS_RECORD_ID,
} from './seed-ids.ts';

/** Bigin's documented size limit for a file (configurable in the sandbox). */
const TWENTY_MB = 20 * 1024 * 1024;
const ATTACHMENTS_EPOCH = Date.UTC(2024, 1, 5, 3, 30, 0);

type FileSpec = { name: string; recipe: Exclude<FileRecipe, { kind: 'blob' }> };
type LinkSpec = { name: string; url: string };

/** Every seeded attachment, in creation order per record. */
export function buildSeedAttachments(
  records: SeedRecord[],
  owners: DocumentedUser[],
): StoredAttachment[] {
  const byId = new Map(records.map((r) => [`${r.module}/${r.id}`, r]));
  const parent = (module: string, id: string) => {
    const found = byId.get(`${module}/${id}`);
    if (!found) throw new Error(`seed: no record ${module}/${id}`);
    return found;
  };
  let minute = 0;
  const make = (record: SeedRecord, id: string, spec: FileSpec | LinkSpec, owner: DocumentedUser) =>
    attachment(record, id, spec, owner, ATTACHMENTS_EPOCH + minute++ * 60_000);
  const [patricia, ...others] = owners as [DocumentedUser, ...DocumentedUser[]];

  // The documentation's sample, field for field, with a real 362,207-byte PNG behind it.
  const docSample: StoredAttachment[] = docSampleAttachmentList.data.map((a) => ({
    ...a,
    contentType: 'image/png',
    recipe: { kind: 'png', size: Number(a.Size), seed: 1 },
  }));

  const out: StoredAttachment[] = [...docSample];
  const add = (module: string, recordId: string, idBase: string, specs: (FileSpec | LinkSpec)[]) =>
    specs.forEach((spec, i) => {
      const owner = i % 3 === 2 && others.length ? others[i % others.length]! : patricia;
      out.push(make(parent(module, recordId), idOf(idBase, i + 1), spec, owner));
    });

  add('Contacts', DOC_REQUEST_RECORD_ID, '41508680000041000', [
    { name: 'Business card.png', recipe: { kind: 'png', size: 48_213, seed: 2 } },
    { name: 'Signed NDA.pdf', recipe: { kind: 'pdf', size: 21_544, title: 'Mutual NDA' } },
    { name: 'Call notes.txt', recipe: { kind: 'text', text: CALL_NOTES } },
  ]);
  add('Contacts', LINKS_RECORD_ID, '41508680000041003', LINKS);
  add('Contacts', HOSTILE_NAMES_RECORD_ID, '41508680000041004', HOSTILE);
  add('Contacts', SIZES_RECORD_ID, '41508680000041005', SIZES);
  add('Products', PRODUCT_RECORD_ID, '41508680000041006', [
    { name: 'Spec sheet.pdf', recipe: { kind: 'pdf', size: 88_120, title: 'Bigin Starter Kit' } },
    { name: 'Product shot.png', recipe: { kind: 'png', size: 140_006, seed: 3 } },
  ]);
  add('Accounts', COMPANY_RECORD_ID, '41508680000041007', [
    { name: 'Master services agreement.pdf', recipe: { kind: 'pdf', size: 64_000, title: 'MSA' } },
  ]);
  add('Deals', DEAL_RECORD_ID, '41508680000041008', [
    { name: 'Proposal.pdf', recipe: { kind: 'pdf', size: 52_300, title: 'Proposal' } },
  ]);
  add('Events', EVENT_RECORD_ID, '41508680000041009', [
    { name: 'Agenda.txt', recipe: { kind: 'text', text: 'Agenda\n1. Demo\n2. Questions\n' } },
  ]);

  const thousand = parent('Contacts', THOUSAND_ATTACHMENTS_RECORD_ID);
  thousandSpecs().forEach((spec, i) => {
    const id = `41508680000042${String(i + 1).padStart(5, '0')}`;
    out.push(make(thousand, id, spec, (i + 1) % 7 === 0 ? (others[0] ?? patricia) : patricia));
  });
  return out;
}

/** The 1,000-attachment record: photos, reports and notes in turn, sizes from a seeded generator. */
function thousandSpecs(): FileSpec[] {
  const rng = createRng(1000);
  return Array.from({ length: 1000 }, (_, index): FileSpec => {
    const i = index + 1;
    const n = String(i).padStart(4, '0');
    if (i % 3 === 1) {
      return {
        name: `Site photo ${n}.png`,
        recipe: { kind: 'png', size: randomInt(rng, 2_000, 600_000), seed: i },
      };
    }
    if (i % 3 === 2) {
      const size = randomInt(rng, 3_000, 300_000);
      return {
        name: `Inspection report ${n}.pdf`,
        recipe: { kind: 'pdf', size, title: `Inspection ${n}` },
      };
    }
    return {
      name: `Field notes ${n}.txt`,
      recipe: { kind: 'text', text: `Field notes ${n}\nAll clear on visit ${i}.\n` },
    };
  });
}

/** A 19-digit id from a 17-digit base and a two-digit serial. */
const idOf = (base: string, serial: number) => `${base}${String(serial).padStart(2, '0')}`;

function attachment(
  record: SeedRecord,
  id: string,
  spec: FileSpec | LinkSpec,
  owner: DocumentedUser,
  createdAt: number,
): StoredAttachment {
  const time = formatBiginTime(createdAt);
  const isLink = 'url' in spec;
  return {
    Owner: owner,
    Modified_Time: time,
    File_Name: spec.name,
    Created_Time: time,
    // A link has no bytes: Bigin lists it with Size "0" and no file id.
    Size: isLink ? '0' : String(recipeSize(spec.recipe)),
    Parent_Id: { name: record.name, id: record.id },
    $editable: true,
    $file_id: isLink ? null : fileIdOf(id),
    $type: isLink ? 'Link URL' : 'Attachment',
    $se_module: record.module,
    Modified_By: owner,
    $state: 'save',
    id,
    Created_By: owner,
    $link_url: isLink ? spec.url : null,
    contentType: isLink ? 'text/uri-list' : contentTypeFor(spec.name),
    recipe: isLink ? null : spec.recipe,
  };
}

/** Bigin's file ids are long hex strings; derive one from the attachment id. */
export const fileIdOf = (id: string) => createHash('sha256').update(id).digest('hex');

const CALL_NOTES =
  'Call with Kris Marrier, 12 Feb 2024\n- Wants the Starter Kit for two stores\n- Send the quote by Friday\n';

const LINKS: (FileSpec | LinkSpec)[] = [
  { name: 'Proposal on WorkDrive', url: 'https://workdrive.zoho.com/file/3k9x2proposal' },
  { name: 'Company website', url: 'https://www.zylker.com/' },
  {
    name: 'Shared folder (query & symbols)',
    url: 'https://example.com/share?id=42&name=caf%C3%A9&x=<y>',
  },
  { name: 'Kick-off agenda.pdf', recipe: { kind: 'pdf', size: 12_400, title: 'Kick-off agenda' } },
];

const HOSTILE: (FileSpec | LinkSpec)[] = [
  { name: 'Quote "final" v2.pdf', recipe: { kind: 'pdf', size: 18_000, title: 'Quote final v2' } },
  { name: '<script>alert(1)</script>.txt', recipe: { kind: 'text', text: '<b>not html</b>\n' } },
  { name: '100% done & 50%20off.png', recipe: { kind: 'png', size: 9_000, seed: 4 } },
  { name: '🚀 Launch plan 📎.pdf', recipe: { kind: 'pdf', size: 15_500, title: 'Launch plan' } },
  { name: 'חוזה חתום.pdf', recipe: { kind: 'pdf', size: 16_200, title: 'Signed contract' } },
  { name: 'تقرير المبيعات.txt', recipe: { kind: 'text', text: 'تقرير المبيعات للربع الأول\n' } },
  {
    name: 'invoice\u202Efdp.exe',
    recipe: { kind: 'text', text: 'right-to-left override in the name\n' },
  },
  { name: 'Résumé – Zoë Ünal.pdf', recipe: { kind: 'pdf', size: 11_000, title: 'Resume' } },
  { name: '見積書（最終）.txt', recipe: { kind: 'text', text: '見積書\n' } },
  { name: "'; DROP TABLE attachments; --.txt", recipe: { kind: 'text', text: 'quotes\n' } },
  { name: '..\\..\\windows\\system.ini', recipe: { kind: 'text', text: 'not a path\n' } },
  { name: '  spaces  around  .txt', recipe: { kind: 'text', text: 'spaces\n' } },
  { name: 'A link with <b>markup</b> & "quotes"', url: 'https://example.com/?q="x"&r=<y>' },
];

const SIZES: FileSpec[] = [
  { name: 'empty.txt', recipe: { kind: 'text', text: '' } },
  { name: 'one byte.txt', recipe: { kind: 'text', text: 'x' } },
  { name: 'Medium photo.png', recipe: { kind: 'png', size: 5 * 1024 * 1024, seed: 5 } },
  // Just under the 20 MB limit: 64-byte rows, about 19.9 MB.
  {
    name: 'Large export.csv',
    recipe: { kind: 'csv', rows: Math.floor((TWENTY_MB - 80_000) / 64) },
  },
];
