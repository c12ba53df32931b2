import type { Seed, SeedRecord, StoredAttachment } from './seed.ts';

/** The sandbox's data: records and their attachments, kept in creation order. */
export class SandboxStore {
  private readonly records = new Map<string, SeedRecord>();
  private readonly attachmentsByRecord = new Map<string, StoredAttachment[]>();

  constructor(seed: Seed) {
    for (const r of seed.records) this.records.set(key(r.module, r.id), r);
    for (const a of seed.attachments) {
      const k = key(a.$se_module, a.Parent_Id.id);
      const list = this.attachmentsByRecord.get(k) ?? [];
      list.push(a);
      this.attachmentsByRecord.set(k, list);
    }
  }

  findRecord(module: string, id: string): SeedRecord | undefined {
    return this.records.get(key(module, id));
  }

  attachmentsOf(module: string, id: string): readonly StoredAttachment[] {
    return this.attachmentsByRecord.get(key(module, id)) ?? [];
  }
}

const key = (module: string, id: string) => `${module}/${id}`;
