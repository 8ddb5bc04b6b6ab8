// The SOAP peer: the `soap` package (node-soap) serving our own WSDL, answering checkSessionState
// from a Map — what a team would pick instead of mcc for a SOAP endpoint.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateWsdl, WSDL_NAMES } from '@mcc/soap-transport/server';
import soap from 'soap';

const sessions = new Map<string, { status: string }>([['bench-seed', { status: 'NEW' }]]);
const path = '/mc/cxf/soap';
const server = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
server.listen(0, '127.0.0.1', () => {
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const wsdl = generateWsdl({ address: `${url}${path}`, soap12: false });
  const checkSessionState = (args: { sessionId?: string }) => {
    const session = args.sessionId === undefined ? undefined : sessions.get(args.sessionId);
    if (!session) return { return: { result: 'FAILED', failReason: 'INVALID_SESSION_ID' } };
    return { return: { result: 'SUCCESS', sessionId: args.sessionId, status: session.status } };
  };
  soap.listen(
    server,
    path,
    { [WSDL_NAMES.service]: { [WSDL_NAMES.soap11Port]: { checkSessionState } } },
    wsdl,
  );
  process.stdout.write(`${JSON.stringify({ url, sessionId: 'bench-seed' })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
