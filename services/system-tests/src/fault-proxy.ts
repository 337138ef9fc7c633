import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * What the proxy does to traffic:
 * - `pass`: forwards both ways;
 * - `latency`: delays every chunk, each way, by `ms` (order kept), like a slow or distant server;
 * - `reset`: cuts every connection with a TCP RST, open ones at once and new ones as they come;
 * - `blackhole`: accepts connections and keeps them open, but nothing gets through either way,
 *   like a partitioned network (clients see timeouts, not errors). What was sent meanwhile is
 *   held and delivered once the mode changes, as TCP's retransmissions would after the partition
 *   heals; a connection is never left with a hole in its byte stream.
 */
export type FaultMode =
  | { readonly kind: 'pass' }
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'blackhole' };

interface Link {
  readonly client: Socket;
  upstream: Socket | undefined;
  /** Chunks held by a blackhole, per direction, delivered when it lifts. */
  readonly held: (() => void)[];
}

/**
 * A TCP proxy on loopback between a service and a server (Kafka, ClickHouse, Postgres), whose
 * behaviour a scenario switches while traffic flows. Listens on 127.0.0.1 only.
 */
export class FaultProxy {
  private mode: FaultMode = { kind: 'pass' };
  private readonly links = new Set<Link>();
  /** Connections accepted since the start, for a scenario to show traffic went through. */
  accepted = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<FaultProxy> {
    // The server exists before the proxy that handles its connections (none come before listen).
    const holder: { proxy?: FaultProxy } = {};
    const server = createServer((client) => holder.proxy?.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('the proxy has no address');
    holder.proxy = new FaultProxy(server, address.port, target);
    return holder.proxy;
  }

  get current(): FaultMode {
    return this.mode;
  }

  /** Switches the mode; `reset` also cuts the connections open now. */
  set(mode: FaultMode): void {
    this.mode = mode;
    if (mode.kind === 'reset') for (const link of [...this.links]) this.cut(link, true);
    else if (mode.kind !== 'blackhole')
      for (const link of this.links) for (const deliver of link.held.splice(0)) deliver();
  }

  get openConnections(): number {
    return this.links.size;
  }

  async close(): Promise<void> {
    for (const link of [...this.links]) this.cut(link, true);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.accepted++;
    const link: Link = { client, upstream: undefined, held: [] };
    this.links.add(link);
    client.on('error', () => this.cut(link, true));
    client.on('close', () => this.cut(link, false));
    if (this.mode.kind === 'reset') return this.cut(link, true);
    const upstream = createConnection(this.target);
    link.upstream = upstream;
    upstream.on('error', () => this.cut(link, true));
    upstream.on('close', () => this.cut(link, false));
    this.forward(link, client, upstream);
    this.forward(link, upstream, client);
  }

  /** Copies `from` to `to`, through whatever the mode is at the moment each chunk arrives. */
  private forward(link: Link, from: Socket, to: Socket): void {
    let due = 0; // when the last delayed chunk of this direction is written: keeps their order
    const write = (chunk: Buffer) => {
      if (!to.destroyed) to.write(chunk);
    };
    let held = 0; // chunks of this direction waiting behind a blackhole
    from.on('data', (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === 'reset') return;
      if (mode.kind === 'blackhole' || held > 0) {
        held++;
        link.held.push(() => {
          held--;
          write(chunk);
        });
        return;
      }
      if (mode.kind === 'pass' && due <= Date.now()) return write(chunk);
      const delay = mode.kind === 'latency' ? mode.ms : 0;
      due = Math.max(due, Date.now() + delay);
      setTimeout(() => write(chunk), due - Date.now());
    });
    // A clean close goes through as one (unless held behind a blackhole: then with the rest).
    from.on('end', () => {
      if (held > 0) link.held.push(() => to.end());
      else setTimeout(() => to.end(), Math.max(0, due - Date.now()));
    });
  }

  /** Ends a connection both ways: with a RST when `hard` (a fault), else as it ended. */
  private cut(link: Link, hard: boolean): void {
    if (!this.links.delete(link)) return;
    for (const socket of [link.client, link.upstream]) {
      if (!socket || socket.destroyed) continue;
      if (hard) socket.resetAndDestroy();
      else socket.destroy();
    }
  }
}
