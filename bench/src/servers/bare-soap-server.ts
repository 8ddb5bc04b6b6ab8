// The SOAP baseline: a bare node:http server that reads each POST body to its end and answers one
// fixed SOAP envelope — what any SOAP server must at least do, with no parsing and no work.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = process.argv[2] ?? '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>';
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (Buffer.concat(chunks).length === 0) res.statusCode = 400;
    res.setHeader('content-type', 'text/xml; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(body));
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })}\n`,
  );
});
