// The reference for make bench-load and make bench-image: Node's bare HTTP
// server, answering what the service's GET / answers with nothing between
// the socket and the handler.
import { createServer } from 'node:http';

const server = createServer((_request, response) => {
  const body = JSON.stringify({
    service: 'koa-service',
    version: '0.0.0',
    environment: 'production',
  });
  response.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
});

server.listen(Number(process.env.PORT ?? 8000));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
