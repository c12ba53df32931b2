import { Readable } from 'node:stream';
import { z } from 'zod';
import { BIGIN_ERRORS } from '../shared/bigin-error.ts';
import { createRng } from './prng.ts';

/**
 * A fault the sandbox injects, for tests and demos. Each is scoped by `match` (a module and
 * record, a user, a path...) so that tests running side by side on one sandbox do not meet each
 * other's faults.
 */
export const faultInputSchema = z
  .object({
    kind: z.enum(['latency', 'error', 'reset', 'truncate', 'malformed', 'variant']),
    match: z
      .object({
        module: z.string(),
        recordId: z.string(),
        attachmentId: z.string(),
        /** A demo user's name or id. */
        user: z.string(),
        method: z.string(),
        /** A path prefix, e.g. `/bigin/v2/settings/modules` or `/oauth/v2/token`. */
        path: z.string(),
      })
      .partial()
      .refine((m) => Object.keys(m).length > 0, 'a fault must be scoped: give at least one match'),
    /** For `latency`: how long to hold the call. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /**
     * For `error`: the code Bigin answers with. A documented code keeps Bigin's own status and
     * message; any other (one Bigin may add some day) needs `status` and may give `message`.
     */
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'a code is upper case, like INVALID_URL_PATTERN')
      .default('INTERNAL_ERROR'),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().min(1).max(500).optional(),
    /** The share of matching calls that meet the fault (drawn from a seeded generator). */
    share: z.number().min(0).max(1).default(1),
    /** At most this many calls meet the fault; then it is spent. */
    times: z.number().int().positive().optional(),
    seed: z.number().int().default(1),
  })
  .strict()
  .refine((f) => f.code in BIGIN_ERRORS || f.status !== undefined, {
    message: 'an undocumented code needs the HTTP status to answer with',
    path: ['status'],
  });
export type FaultInput = z.input<typeof faultInputSchema>;
export type Fault = z.output<typeof faultInputSchema> & { id: string; hits: number };

export interface FaultContext {
  method: string;
  path: string;
  module?: string;
  recordId?: string;
  attachmentId?: string;
  userId?: string;
  userName?: string;
}

export class FaultRegistry {
  private faults: (Fault & { draw: () => number })[] = [];
  private serial = 0;

  add(input: unknown): Fault {
    const parsed = faultInputSchema.parse(input);
    const fault = {
      ...parsed,
      id: `fault-${++this.serial}`,
      hits: 0,
      draw: createRng(parsed.seed),
    };
    this.faults.push(fault);
    return publicFault(fault);
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length < before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map(publicFault);
  }

  /** The faults this call meets; each meeting counts against the fault's `times`. */
  pick(ctx: FaultContext): Fault[] {
    const met = this.faults.filter((f) => matches(f.match, ctx) && f.draw() < f.share);
    for (const f of met) f.hits += 1;
    this.faults = this.faults.filter((f) => f.times === undefined || f.hits < f.times);
    return met.map(publicFault);
  }
}

const publicFault = ({ draw: _draw, ...fault }: Fault & { draw?: unknown }): Fault => fault;

function matches(match: Fault['match'], ctx: FaultContext): boolean {
  return (
    (match.module === undefined || match.module === ctx.module) &&
    (match.recordId === undefined || match.recordId === ctx.recordId) &&
    (match.attachmentId === undefined || match.attachmentId === ctx.attachmentId) &&
    (match.user === undefined || match.user === ctx.userId || match.user === ctx.userName) &&
    (match.method === undefined || match.method.toUpperCase() === ctx.method) &&
    (match.path === undefined || ctx.path.startsWith(match.path))
  );
}

/**
 * A list answered as other sources write it (`variant`): Zoho's CRM specification and the v1
 * list page rather than the v1 sample. Each file's `Size` is a number, its `$type` is "File" and
 * it carries no `$link_url`; every item carries a field the app has never seen; and one item
 * without an id (which no client can use) comes last.
 */
export function variantBody(payload: string | Buffer): string | Buffer {
  let body: { data?: unknown };
  try {
    body = JSON.parse(payload.toString()) as { data?: unknown };
  } catch {
    return payload;
  }
  if (!Array.isArray(body.data)) return payload;
  const data: Record<string, unknown>[] = body.data.map((item: Record<string, unknown>) => {
    const extra: Record<string, unknown> = { ...item, $sharing_permission: 'full_access' };
    if (item.$link_url) return extra;
    delete extra.$link_url;
    return { ...extra, Size: Number(item.Size), $type: 'File' };
  });
  data.push({ File_Name: 'no-id.bin', Size: 1, $type: 'File' });
  return JSON.stringify({ ...body, data });
}

/**
 * A body that breaks on the way: `truncate` promises the whole length and closes the connection
 * halfway; `malformed` sends a complete answer whose JSON stops halfway.
 */
export function mangleBody(
  kind: 'truncate' | 'malformed',
  payload: string | Buffer,
  setLength: (n: number) => void,
): string | Buffer | Readable {
  const full = Buffer.from(payload);
  const half = full.subarray(0, Math.floor(full.length / 2));
  if (kind === 'malformed') {
    setLength(half.length);
    return half;
  }
  setLength(full.length);
  const stream = new Readable({ read() {} });
  stream.push(half);
  setTimeout(() => stream.destroy(new Error('sandbox fault: connection closed mid-body')), 20);
  return stream;
}
