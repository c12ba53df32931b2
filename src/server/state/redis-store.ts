import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { stateUnavailable, type SlotShare, type Spent, type StateStore } from './state-store.ts';

export interface RedisStoreOptions {
  /** REDIS_URL: redis://[user:password@]host[:port][/db], or rediss:// for TLS. */
  url: string;
  /** Put in front of every key, so that several apps (or tests) can share one Redis. */
  prefix?: string;
  /** How long a command may take before it fails (Redis is there but does not answer). */
  commandTimeoutMs?: number;
  /** How long the first connection may take before the start gives up. */
  connectTimeoutMs?: number;
  /** Told when the connection is lost and when it is back. */
  log?: (level: 'warn' | 'info', message: string) => void;
}

/** The Redis client behind `store` when it is a RedisStore (REDIS_URL), for what shares it. */
export const redisOf = (store: StateStore): Redis | undefined =>
  store instanceof RedisStore ? store.client : undefined;

/**
 * The store for any number of instances: Redis (or Valkey) through ioredis. Expiry is Redis's
 * own (PX on every key), what must happen at once for every instance is a Lua script, and time
 * in the scripts is Redis's clock (TIME), one clock for every instance.
 *
 * Losing Redis fails fast instead of waiting: no offline queue (a command while disconnected
 * fails at once), a command timeout (Redis there but silent), each failure PROXY_STATE_UNAVAILABLE.
 * ioredis keeps reconnecting in the background, so service resumes by itself.
 */
export class RedisStore implements StateStore {
  readonly kind = 'redis';
  readonly client: Redis;
  private readonly prefix: string;

  private constructor(client: Redis, prefix: string) {
    this.client = client;
    this.prefix = prefix;
    for (const [name, script] of Object.entries(SCRIPTS)) {
      client.defineCommand(name, { numberOfKeys: 1, lua: script });
    }
  }

  /**
   * Connects, and fails with a message naming REDIS_URL (its password left out) when Redis
   * cannot be reached: the start stops there rather than serving without its sessions.
   */
  static async connect(options: RedisStoreOptions): Promise<RedisStore> {
    const connectTimeout = options.connectTimeoutMs ?? 5000;
    const client = new Redis(options.url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs ?? 2000,
      connectTimeout,
      // Forever, at most a second apart: Redis back means service back, with nobody restarting.
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    let lastError: Error | undefined;
    const onError = (error: Error) => {
      lastError = error;
    };
    client.on('error', onError);
    try {
      await Promise.race([
        client.connect(),
        new Promise((_resolve, reject) =>
          setTimeout(() => reject(new Error('no answer')), connectTimeout).unref(),
        ),
      ]);
      await client.ping();
    } catch (error) {
      client.disconnect();
      const problem = describeError(lastError ?? error);
      throw new Error(
        `Redis at REDIS_URL (${safeRedisUrl(options.url)}) cannot be reached: ${problem}. Start Redis there, correct REDIS_URL, or unset it to keep state in this instance alone (under DATA_DIR).`,
      );
    }
    client.off('error', onError);
    const log = options.log;
    let lost = false;
    // Errors come again at each reconnection attempt: what matters is said once, when it happens.
    client.on('error', () => undefined);
    client.on('close', () => {
      if (lost || client.status === 'end') return;
      lost = true;
      log?.('warn', 'Redis at REDIS_URL lost; requests that need it fail until it is back');
    });
    client.on('ready', () => {
      if (!lost) return;
      lost = false;
      log?.('info', 'Redis at REDIS_URL is back');
    });
    return new RedisStore(client, options.prefix ?? 'bigin-attachments:');
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.run(() => this.client.get(this.k(key)))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.run(() => this.client.set(this.k(key), value, 'PX', ms(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (
      (await this.run(() => this.client.set(this.k(key), value, 'PX', ms(ttlMs), 'NX'))) === 'OK'
    );
  }

  async delete(key: string, ifValue?: string): Promise<boolean> {
    const deleted = await this.run(() =>
      ifValue === undefined
        ? this.client.del(this.k(key))
        : this.scripts.deleteIfEquals(this.k(key), ifValue),
    );
    return Number(deleted) > 0;
  }

  async spend(key: string, max: number, windowMs: number): Promise<Spent> {
    const [spent, retryInMs] = (await this.run(() =>
      this.scripts.spend(this.k(key), max, ms(windowMs), randomUUID()),
    )) as [number, number];
    return spent ? { spent: true } : { spent: false, retryInMs: Math.max(0, retryInMs) };
  }

  async acquireSlot(
    key: string,
    capacity: number,
    holder: string,
    leaseMs: number,
    share?: SlotShare,
  ) {
    const taken = await this.run(() =>
      this.scripts.acquireSlot(
        this.k(key),
        capacity,
        holder,
        ms(leaseMs),
        share?.group ?? '',
        share?.share ?? 0,
        share?.keep ?? 0,
      ),
    );
    return Number(taken) === 1;
  }

  async renewSlots(key: string, holders: readonly string[], leaseMs: number): Promise<void> {
    if (!holders.length) return;
    await this.run(() => this.scripts.renewSlots(this.k(key), ms(leaseMs), ...holders));
  }

  async releaseSlot(key: string, holder: string): Promise<void> {
    await this.run(() => this.client.zrem(this.k(key), holder));
  }

  async schedule(key: string, member: string, atMs: number): Promise<void> {
    await this.run(() => this.client.zadd(this.k(key), Math.round(atMs), member));
  }

  async unschedule(key: string, member: string): Promise<void> {
    await this.run(() => this.client.zrem(this.k(key), member));
  }

  async takeDue(key: string, nowMs: number, limit: number): Promise<string[]> {
    return (await this.run(() =>
      this.scripts.takeDue(this.k(key), Math.round(nowMs), limit),
    )) as string[];
  }

  async takeBeyond(key: string, keep: number): Promise<string[]> {
    return (await this.run(() => this.scripts.takeBeyond(this.k(key), keep))) as string[];
  }

  async ping(): Promise<void> {
    await this.run(() => this.client.ping());
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  private get scripts(): Scripts {
    return this.client as unknown as Scripts;
  }

  /** Any failure to reach Redis is PROXY_STATE_UNAVAILABLE; a wrong answer is a bug, and thrown. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if ((error as { name?: string }).name === 'ReplyError') throw error;
      throw stateUnavailable(error);
    }
  }
}

type Script = (key: string, ...args: (string | number)[]) => Promise<unknown>;
interface Scripts {
  deleteIfEquals: Script;
  spend: Script;
  acquireSlot: Script;
  renewSlots: Script;
  takeDue: Script;
  takeBeyond: Script;
}

/** Redis's own clock in milliseconds, the same for every instance. */
const NOW = `local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)`;

const SCRIPTS: Record<keyof Scripts, string> = {
  deleteIfEquals: `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  // A sorted set of uses, scored by when; the key lives as long as its window.
  spend: `${NOW}
local max = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < max then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}`,
  // A sorted set of holders, scored by when their lease ends; ended leases go first. With a
  // share (ARGV[4] the group's prefix), as mayTakeSlot in state-store.ts.
  acquireSlot: `${NOW}
local capacity = tonumber(ARGV[1])
local lease = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[2]) == false then
  local holders = redis.call('ZRANGE', KEYS[1], 0, -1)
  local need = 1
  local group = ARGV[4]
  if group ~= '' then
    local mine = 0
    for _, h in ipairs(holders) do
      if string.sub(h, 1, #group) == group then mine = mine + 1 end
    end
    if mine >= tonumber(ARGV[5]) then need = tonumber(ARGV[6]) + 1 end
  end
  if capacity - #holders < need then return 0 end
end
redis.call('ZADD', KEYS[1], now + lease, ARGV[2])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 1`,
  renewSlots: `${NOW}
local lease = tonumber(ARGV[1])
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 1`,
  takeDue: `local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return due`,
  takeBeyond: `local beyond = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[1])
if beyond <= 0 then return {} end
local taken = redis.call('ZRANGE', KEYS[1], 0, beyond - 1)
redis.call('ZREM', KEYS[1], unpack(taken))
return taken`,
};

/** Redis takes whole milliseconds, at least one. */
const ms = (value: number) => Math.max(1, Math.ceil(value));

/** REDIS_URL as it can be shown: without its password. */
export function safeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}

function describeError(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string') return e.code;
  return typeof e.message === 'string' ? e.message : String(error);
}
