import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildAppWith } from '../support/build-app';

describe.each([
  ['a successful answer', '/'],
  ['an error answer', '/nowhere'],
])('the headers of %s', (_, path) => {
  it('forbid loading, framing, sniffing and referrers', async () => {
    const response = await request(buildAppWith({}).callback()).get(path);

    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
    });
  });

  it('name neither the framework nor the runtime', async () => {
    const response = await request(buildAppWith({}).callback()).get(path);

    expect(response.headers).not.toHaveProperty('x-powered-by');
    expect(response.headers).not.toHaveProperty('server');
    const headers = JSON.stringify(response.headers).toLowerCase();
    expect(headers).not.toMatch(/koa|express|node/);
  });

  it('leave out the headers that only matter to an HTML page', async () => {
    const response = await request(buildAppWith({}).callback()).get(path);

    for (const name of [
      'cross-origin-opener-policy',
      'origin-agent-cluster',
      'x-dns-prefetch-control',
      'x-download-options',
      'x-xss-protection',
    ]) {
      expect(response.headers).not.toHaveProperty(name);
    }
  });
});
