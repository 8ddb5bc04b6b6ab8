import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';
import { Agent, request } from 'undici';
const url = process.argv[2]!; const which = process.argv[3]!;
const dispatcher = new Agent({ connections: 16 });
const REST = '/mc/cxf/rest/json';
const rest = createRestClient({ baseUrl: `${url}${REST}`, dispatcher });
const soap = createSoapClient({ endpoint: `${url}/mc/cxf/soap` }, { dispatcher });
const calls: Record<string, () => Promise<unknown>> = {
  raw: async () => { const r = await request(`${url}${REST}/checkSession?sessionId=bench-seed`, { dispatcher }); await r.body.json(); },
  rest: () => rest.checkSession({ sessionId: 'bench-seed' }),
  soap: () => soap.checkSession({ sessionId: 'bench-seed' }),
};
const call = calls[which]!;
for (const secs of [2, 5]) {
  const end = Date.now() + secs * 1000; let n = 0; const t0 = process.cpuUsage();
  await Promise.all(Array.from({ length: 16 }, async () => { while (Date.now() < end) { await call(); n++; } }));
  const cpu = process.cpuUsage(t0);
  if (secs === 5) console.log(which, Math.round(n / secs), 'calls/s', ((cpu.user + cpu.system) / n).toFixed(1), 'µs CPU/call (client)');
}
process.exit(0);
