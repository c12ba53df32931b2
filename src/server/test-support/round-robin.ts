import { createServer, request as httpRequest, type Server } from 'node:http';
import { listeningUrl } from '../../shared/listening-url.ts';

export interface RoundRobin {
  url: string;
  /** Which back end each request went to, in order (an index into the back ends). */
  sentTo: number[];
  close: () => Promise<void>;
}

/**
 * A balancer of the simplest kind, with no sticky sessions: each request goes to the next back
 * end in turn, Host and cookies as the browser sent them, the answer streamed back.
 */
export async function startRoundRobin(backends: () => readonly string[]): Promise<RoundRobin> {
  let next = 0;
  const sentTo: number[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const targets = backends();
    const index = next++ % targets.length;
    sentTo.push(index);
    const target = new URL(targets[index]!);
    const upstream = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502).end();
      else outgoing.destroy();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: listeningUrl(server.address())!,
    sentTo,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
