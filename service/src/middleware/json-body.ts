import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';
import { is as isMediaType } from 'type-is';

const JSON_TYPES = ['application/json', '+json'];

// The codes Node gives a body that does not decompress: zlib's
// Z_DATA_ERROR for bytes that are not what the encoding says, Z_BUF_ERROR
// for a body cut short (brotli's too) and Z_NEED_DICT for a deflate body
// that asks for a preset dictionary, which HTTP has no way to send; and
// brotli's ERR__ERROR_FORMAT_* for input its decoder cannot read. Other
// codes of either, such as Z_MEM_ERROR or ERR__ERROR_ALLOC_*, are the
// server's own failures: they stay 500s, for the log to show.
const DECOMPRESSION_FAILED =
  /^(Z_DATA_ERROR|Z_BUF_ERROR|Z_NEED_DICT|ERR__ERROR_FORMAT_[A-Z0-9_]+)$/;

/**
 * For a route that takes JSON: refuses a request whose Content-Type is not
 * JSON (`application/json` or a `+json` type), or that has none, with 415,
 * then parses the body into `ctx.request.body`. A body that is not a JSON
 * object or array gets 400, and one over `limitBytes` gets 413 without
 * more than the limit being read. An empty JSON body parses as `{}`, so
 * that the route's validation names what is missing.
 */
export function jsonBody(limitBytes: number): Middleware {
  const parse = bodyParser({
    enableTypes: ['json'],
    // The middleware below has already checked the content type.
    detectJSON: () => true,
    jsonLimit: limitBytes,
    onError: (error, ctx) => rethrowForClient(error, ctx, limitBytes),
  });

  return (ctx, next) => {
    // The header alone decides: Koa's ctx.is() passes a request without a
    // body, which would make an empty POST's answer depend on the client.
    if (!isMediaType(ctx.get('Content-Type'), JSON_TYPES)) {
      ctx.throw(415, 'Content-Type must be application/json');
    }
    return parse(ctx, next);
  };
}

/**
 * The parser's own errors say too little (a JSON.parse message quoting the
 * body, "request entity too large") or nothing a client can see (zlib's
 * error on a corrupt gzip, deflate or brotli body would be a 500): replace
 * them with what the client can act on. Anything else, such as an unknown
 * Content-Encoding (415), a body shorter than its Content-Length (400) or
 * a decompressor out of memory (500), passes through.
 */
function rethrowForClient(
  error: Error,
  ctx: Context,
  limitBytes: number,
): never {
  if (error instanceof SyntaxError) {
    ctx.throw(400, 'Request body must be a JSON object or array');
  }
  const { status, code } = error as { status?: unknown; code?: unknown };
  if (status === 413) {
    ctx.throw(413, `Request body is over the limit of ${limitBytes} bytes`);
  }
  if (typeof code === 'string' && DECOMPRESSION_FAILED.test(code)) {
    ctx.throw(
      400,
      'Request body could not be decompressed as its Content-Encoding says',
    );
  }
  throw error;
}
