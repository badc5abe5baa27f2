import { connect } from 'node:net';

/**
 * Sends a POST whose body stops short of its Content-Length, as a client
 * does that hangs up midway (`hangUp`) or stalls, and resolves with what
 * Node answered before it closed the connection.
 */
export async function sendTruncatedBody(
  port: number,
  requestId: string,
  { hangUp }: { hangUp: boolean },
): Promise<string> {
  const socket = connect(port, '127.0.0.1');
  socket.write(
    'POST /api/notes HTTP/1.1\r\nHost: x\r\n' +
      `X-Request-Id: ${requestId}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n' +
      '{"title": ',
  );
  if (hangUp) socket.end();

  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('latin1');
}
