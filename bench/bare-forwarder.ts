/**
 * The floor under the proxy's CPU per list call: the least a Node process does to forward a
 * listing, with none of the proxy's work (no routing, session, rate limit, request log, check or
 * copy). Every GET is the same GET to BARE_UPSTREAM (an origin) with BARE_AUTHORIZATION, over
 * keep-alive sockets, its answer piped straight through. Run by the load benchmark, which prints
 * its CPU per call beside the proxy's. (Buffering the answer with undici, as the proxy must to
 * check it, cost this forwarder 1,383 µs a call against 974 µs piped, in one run of each.)
 */
import { Agent, createServer, request } from 'node:http';

const upstream = new URL(process.env.BARE_UPSTREAM!);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const authorization = process.env.BARE_AUTHORIZATION!;

const server = createServer((req, res) => {
  const forwarded = request(
    {
      host: upstream.hostname,
      port: upstream.port,
      path: req.url,
      agent,
      headers: { authorization },
    },
    (answer) => {
      const { 'content-type': type, 'content-length': length } = answer.headers;
      // Without a length (a chunked answer), Node sends it on chunked too.
      res.writeHead(answer.statusCode!, {
        ...(type ? { 'content-type': type } : {}),
        ...(length ? { 'content-length': length } : {}),
      });
      answer.pipe(res);
    },
  );
  forwarded.on('error', () => res.writeHead(502).end());
  forwarded.end();
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(`BARE http://127.0.0.1:${port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
