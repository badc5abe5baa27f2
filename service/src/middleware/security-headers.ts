import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/**
 * Helmet, narrowed to what protects a JSON API: nothing may load, frame or
 * embed an answer (CSP `default-src 'none'`, `X-Frame-Options: DENY`,
 * Cross-Origin-Resource-Policy), browsers may not sniff a type or send a
 * referrer, and HTTPS is pinned once seen. The headers that only steer how
 * a browser treats an HTML page are left off. Helmet also removes
 * `X-Powered-By`, which neither Koa nor Node sends today.
 */
export function securityHeaders(): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xXssProtection: false,
  });
}
