import request from 'supertest';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { buildApp } from '../support/build-app';

describe('GET /', () => {
  it('names the service, its version and its environment', async () => {
    const response = await request(buildApp().callback()).get('/');

    expect(response.status).toBe(200);
    expect(response.type).toBe('application/json');
    expect(response.body).toEqual({
      service: packageJson.name,
      version: packageJson.version,
      environment: 'test',
    });
  });
});
