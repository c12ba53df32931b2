import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { documentedAttachmentSchema, type DocumentedUser } from '../shared/bigin-attachment.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-write.ts';
import { formatBiginTime } from './bigin-time.ts';
import { renderRecipe, type FileRecipe } from './file-bytes.ts';
import { fileIdOf } from './seed-attachments.ts';
import type { Seed, SeedRecord, StoredAttachment } from './seed-types.ts';

const recipeSchema = z.custom<FileRecipe>((v) => typeof v === 'object' && v !== null);
const storedAttachmentSchema = z.object({
  ...documentedAttachmentSchema.shape,
  contentType: z.string(),
  recipe: recipeSchema.nullable(),
});
const photoSchema = z.object({ contentType: z.string(), recipe: recipeSchema });

/** What differs from the seed: the one file in DATA_DIR besides the uploaded bytes. */
const stateSchema = z.object({
  version: z.literal(1),
  nextSerial: z.number().int(),
  added: z.array(storedAttachmentSchema),
  deleted: z.array(z.string()),
  photos: z.record(z.string(), photoSchema.nullable()),
});
type State = z.infer<typeof stateSchema>;
export type Photo = z.infer<typeof photoSchema>;

const emptyState = (): State => ({ version: 1, nextSerial: 1, added: [], deleted: [], photos: {} });

export interface NewAttachment {
  module: string;
  recordId: string;
  fileName: string;
  contentType: string;
  /** The file's bytes; absent for a link. */
  bytes?: Buffer;
  linkUrl?: string;
  user: DocumentedUser;
}

/**
 * The sandbox's data: the seed, plus the uploads, deletions and photos made since. With a data
 * folder, every change is written (atomically) before it is answered, so it survives a restart.
 */
export class SandboxStore {
  private records = new Map<string, SeedRecord>();
  private attachmentsByRecord = new Map<string, StoredAttachment[]>();
  private state = emptyState();
  private readonly blobs = new Map<string, Buffer>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly seed: () => Seed,
    private readonly dataDir: string | undefined,
    private readonly now: () => number,
  ) {}

  static async open(
    seed: () => Seed,
    options: { dataDir?: string; now?: () => number } = {},
  ): Promise<SandboxStore> {
    const store = new SandboxStore(seed, options.dataDir, options.now ?? Date.now);
    if (options.dataDir) {
      await mkdir(path.join(options.dataDir, 'blobs'), { recursive: true });
      await removeStaleTempFiles(options.dataDir);
      await removeStaleTempFiles(path.join(options.dataDir, 'blobs'));
      store.state = await readState(path.join(options.dataDir, STATE_FILE));
    }
    store.load();
    return store;
  }

  private load(): void {
    const seed = this.seed();
    this.records = new Map(seed.records.map((r) => [key(r.module, r.id), r]));
    this.attachmentsByRecord = new Map();
    const deleted = new Set(this.state.deleted);
    for (const a of [...seed.attachments, ...this.state.added]) {
      if (deleted.has(a.id)) continue;
      const k = key(a.$se_module, a.Parent_Id.id);
      const list = this.attachmentsByRecord.get(k) ?? [];
      list.push(a);
      this.attachmentsByRecord.set(k, list);
    }
  }

  findRecord(module: string, id: string): SeedRecord | undefined {
    return this.records.get(key(module, id));
  }

  recordsOf(module: string): SeedRecord[] {
    return [...this.records.values()].filter((r) => r.module === module);
  }

  attachmentsOf(module: string, id: string): readonly StoredAttachment[] {
    return this.attachmentsByRecord.get(key(module, id)) ?? [];
  }

  findAttachment(module: string, recordId: string, id: string): StoredAttachment | undefined {
    return this.attachmentsOf(module, recordId).find((a) => a.id === id);
  }

  async readBytes(recipe: FileRecipe): Promise<Buffer> {
    if (recipe.kind !== 'blob') return renderRecipe(recipe);
    const held = this.blobs.get(recipe.blobId);
    if (held) return held;
    if (!this.dataDir) throw new Error(`blob ${recipe.blobId} is missing`);
    return readFile(path.join(this.dataDir, 'blobs', recipe.blobId));
  }

  async addAttachment(input: NewAttachment): Promise<StoredAttachment> {
    const record = this.findRecord(input.module, input.recordId);
    if (!record) throw new Error('no such record');
    const id = `41508680000099${String(this.state.nextSerial++).padStart(5, '0')}`;
    const time = formatBiginTime(this.now());
    const recipe = input.bytes ? await this.saveBlob(id, input.bytes) : null;
    const stored: StoredAttachment = {
      Owner: input.user,
      Modified_Time: time,
      File_Name: input.fileName,
      Created_Time: time,
      Size: String(input.bytes?.length ?? 0),
      Parent_Id: { name: record.name, id: record.id },
      $editable: true,
      $file_id: input.bytes ? fileIdOf(id) : null,
      $type: input.bytes ? 'Attachment' : 'Link URL',
      $se_module: record.module,
      Modified_By: input.user,
      $state: 'save',
      id,
      Created_By: input.user,
      $link_url: input.linkUrl ?? null,
      contentType: input.contentType,
      recipe,
    };
    this.state.added.push(stored);
    const k = key(record.module, record.id);
    this.attachmentsByRecord.set(k, [...this.attachmentsOf(record.module, record.id), stored]);
    await this.saveState();
    return stored;
  }

  async deleteAttachment(module: string, recordId: string, id: string): Promise<boolean> {
    const list = this.attachmentsOf(module, recordId);
    const gone = list.find((a) => a.id === id);
    if (!gone) return false;
    this.attachmentsByRecord.set(
      key(module, recordId),
      list.filter((a) => a.id !== id),
    );
    const added = this.state.added.findIndex((a) => a.id === id);
    if (added >= 0) this.state.added.splice(added, 1);
    else this.state.deleted.push(id);
    await this.saveState();
    if (gone.recipe?.kind === 'blob') await this.dropBlob(gone.recipe.blobId);
    return true;
  }

  photoOf(module: string, id: string): Photo | undefined {
    const k = key(module, id);
    if (k in this.state.photos) return this.state.photos[k] ?? undefined;
    const seeded = this.findRecord(module, id)?.photo;
    return seeded ? { contentType: 'image/png', recipe: seeded } : undefined;
  }

  async setPhoto(module: string, id: string, bytes: Buffer, contentType: string): Promise<void> {
    const recipe = await this.saveBlob(`photo-${module}-${id}-${this.state.nextSerial++}`, bytes);
    const previous = this.state.photos[key(module, id)];
    this.state.photos[key(module, id)] = { contentType, recipe };
    await this.saveState();
    if (previous?.recipe.kind === 'blob') await this.dropBlob(previous.recipe.blobId);
  }

  async deletePhoto(module: string, id: string): Promise<boolean> {
    const previous = this.photoOf(module, id);
    if (!previous) return false;
    this.state.photos[key(module, id)] = null;
    await this.saveState();
    if (previous.recipe.kind === 'blob') await this.dropBlob(previous.recipe.blobId);
    return true;
  }

  /** Back to the seed, on disk too (`npm run sandbox:reset`, `POST /__sandbox/reset`). */
  async reset(): Promise<void> {
    this.state = emptyState();
    this.blobs.clear();
    this.load();
    await this.saveState();
    if (this.dataDir) {
      const blobs = path.join(this.dataDir, 'blobs');
      await rm(blobs, { recursive: true, force: true });
      await mkdir(blobs, { recursive: true });
    }
  }

  private async saveBlob(blobId: string, bytes: Buffer): Promise<FileRecipe> {
    if (this.dataDir) await writeFileAtomic(path.join(this.dataDir, 'blobs', blobId), bytes);
    else this.blobs.set(blobId, bytes);
    return { kind: 'blob', blobId };
  }

  private async dropBlob(blobId: string): Promise<void> {
    this.blobs.delete(blobId);
    if (this.dataDir) await rm(path.join(this.dataDir, 'blobs', blobId), { force: true });
  }

  /** One write at a time, each with the state as it is then, so that the last one wins. */
  private saveState(): Promise<void> {
    const dataDir = this.dataDir;
    if (!dataDir) return Promise.resolve();
    this.writes = this.writes
      .catch(() => undefined)
      .then(() => writeFileAtomic(path.join(dataDir, STATE_FILE), JSON.stringify(this.state)));
    return this.writes;
  }
}

const STATE_FILE = 'state.json';
const key = (module: string, id: string) => `${module}/${id}`;

async function readState(file: string): Promise<State> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return emptyState();
  return stateSchema.parse(JSON.parse(text));
}
