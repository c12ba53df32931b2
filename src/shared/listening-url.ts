/** What a listening server's `address()` gives: a socket address, a pipe name, or nothing yet. */
type ServerAddress = { address: string; family: string; port: number } | string | null;

/**
 * The http URL a browser (or a Zoho client) can open for a server: a wildcard listen address
 * (0.0.0.0, ::) is reached through the loopback, IPv6 hosts are bracketed. Undefined when the
 * server is not listening on a socket.
 */
export function listeningUrl(address: ServerAddress): string | undefined {
  if (typeof address !== 'object' || !address) return undefined;
  const host =
    address.address === '0.0.0.0' || address.address === '::'
      ? '127.0.0.1'
      : address.family === 'IPv6'
        ? `[${address.address}]`
        : address.address;
  return `http://${host}:${address.port}`;
}
