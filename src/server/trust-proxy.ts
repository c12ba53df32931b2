import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies' forwarded addresses (X-Forwarded-For, -Proto, -Host) the proxy believes, as
 * Fastify's `trustProxy` takes it: `false` (none, the default: the peer's address is the
 * client's), a number of hops in front of the proxy, a list of addresses and CIDR ranges, or
 * `true` (every peer: only when nothing but the balancer can reach the proxy).
 */
export type TrustProxy = boolean | number | string[];

const MESSAGE =
  'must be false, true, a number of proxies in front (1, 2, ...), or addresses and CIDR ranges of the proxies, comma-separated (10.0.0.0/8,127.0.0.1)';

/** An IPv4 or IPv6 address, with an optional /prefix of the length its family allows. */
export function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === 'false') return false;
    if (value === 'true') return true;
    // A hop count, as Express and Fastify read one: 0 believes nobody, as false.
    if (/^\d{1,2}$/.test(value)) return Number(value) === 0 ? false : Number(value);
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const wrong = entries.filter((entry) => !isAddressOrCidr(entry));
    if (!entries.length || wrong.length) {
      ctx.addIssue({
        code: 'custom',
        message: wrong.length ? `${MESSAGE}; not an address: ${wrong.join(', ')}` : MESSAGE,
      });
      return z.NEVER;
    }
    return entries;
  })
  .default(false);

/** As Fastify's `trustProxy` takes it: a hop count as the function Fastify would make of it. */
export function fastifyTrustProxy(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
