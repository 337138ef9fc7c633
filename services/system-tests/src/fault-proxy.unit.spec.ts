import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { FaultProxy } from './fault-proxy';

/** An upstream on loopback that answers each chunk with `echo:` and the chunk. */
async function echoServer(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.on('data', (chunk) => socket.write(`echo:${chunk.toString()}`));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return { server, port: address.port };
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the socket receives until `bytes` arrived; rejects on an error or close first. */
function receive(socket: Socket, bytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const onData = (chunk: Buffer) => {
      got += chunk.toString();
      if (got.length >= bytes) {
        socket.off('data', onData);
        resolve(got);
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`closed after ${JSON.stringify(got)}`)));
  });
}

describe('FaultProxy (loopback)', () => {
  let upstream: { server: Server; port: number };
  let proxy: FaultProxy;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    upstream = await echoServer();
    proxy = await FaultProxy.start({ host: '127.0.0.1', port: upstream.port });
  });

  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => upstream.server.close(() => resolve()));
  });

  const open = async () => {
    const socket = await connect(proxy.port);
    sockets.push(socket);
    return socket;
  };

  it('passes traffic both ways', async () => {
    const socket = await open();
    const reply = receive(socket, 'echo:hello'.length);
    socket.write('hello');
    expect(await reply).toBe('echo:hello');
    expect(proxy.accepted).toBe(1);
  });

  it('delays each chunk by the latency, in order', async () => {
    proxy.set({ kind: 'latency', ms: 300 });
    const socket = await open();
    const started = Date.now();
    const reply = receive(socket, 'echo:aecho:b'.length);
    socket.write('a');
    await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write('b');
    expect(await reply).toBe('echo:aecho:b');
    // Each way is delayed: the reply cannot come before twice the latency (a lower bound only).
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('resets open connections and refuses new ones with a RST', async () => {
    const socket = await open();
    const first = receive(socket, 'echo:x'.length);
    socket.write('x');
    await first;
    const cut = new Promise<string>((resolve) =>
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? '')),
    );
    proxy.set({ kind: 'reset' });
    expect(await cut).toBe('ECONNRESET');
    // Cut as it connects, or on its first write, whichever the RST meets first.
    const late = createConnection({ host: '127.0.0.1', port: proxy.port });
    sockets.push(late);
    const refused = new Promise<string>((resolve) => {
      late.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? ''));
      late.once('connect', () => late.write('y'));
    });
    expect(await refused).toBe('ECONNRESET');
  });

  it('holds traffic in a blackhole without closing, and delivers it once healed', async () => {
    const socket = await open();
    proxy.set({ kind: 'blackhole' });
    let got = '';
    socket.on('data', (chunk) => (got += chunk.toString()));
    socket.write('held');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([got, socket.destroyed, proxy.openConnections]).toEqual(['', false, 1]);
    const reply = receive(socket, 'echo:held'.length);
    proxy.set({ kind: 'pass' });
    expect(await reply).toBe('echo:held');
  });
});
