import { EventCodec } from './codec';

describe('EventCodec registry credentials', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  async function headersSent(codec: EventCodec): Promise<Record<string, string>> {
    const fetch = jest.fn(async () => new Response('nope', { status: 503 }));
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    await expect(codec.register()).rejects.toThrow(/HTTP 503/);
    const init = (fetch.mock.calls[0] as unknown as [string, RequestInit])[1];
    return init.headers as Record<string, string>;
  }

  it('sends HTTP basic auth when given credentials', async () => {
    const codec = new EventCodec({
      registryUrl: 'https://registry.example.com',
      registryAuth: { username: 'key', password: 'secret' },
    });
    expect(await headersSent(codec)).toMatchObject({
      Authorization: `Basic ${Buffer.from('key:secret').toString('base64')}`,
    });
  });

  it('sends none without', async () => {
    const headers = await headersSent(new EventCodec({ registryUrl: 'http://registry:8081' }));
    expect(headers['Authorization']).toBeUndefined();
  });
});
