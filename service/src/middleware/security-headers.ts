import helmet from 'helmet';
import type { Middleware } from 'koa';

/**
 * Helmet, narrowed to what protects a JSON API: nothing may load, frame or
 * embed an answer (CSP `default-src 'none'`, `X-Frame-Options: DENY`,
 * Cross-Origin-Resource-Policy), browsers may not sniff a type or send a
 * referrer, and HTTPS is pinned once seen. The headers that only steer how
 * a browser treats an HTML page are left off. Helmet also removes
 * `X-Powered-By`, which neither Koa nor Node sends today.
 *
 * Helmet's own middleware is called directly rather than through
 * koa-helmet, which wraps it in a promise per request: helmet sets its
 * headers and calls back before it returns, so the wrapper only cost time.
 */
export function securityHeaders(): Middleware {
  const setHeaders = helmet({
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

  return (ctx, next) => {
    setHeaders(ctx.req, ctx.res, rethrow);
    return next();
  };
}

/** Helmet's callback: an error it reports reaches the error handler. */
function rethrow(error?: unknown): void {
  if (error) throw error;
}
