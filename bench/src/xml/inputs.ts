/** The documents the XML parser bench measures: realistic envelopes and adversarial 1 MiB ones. */

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const envelope = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="${SOAP11}" xmlns:m="http://mcc.tvox/"><s:Body>${body}</s:Body></s:Envelope>`;
const MIB = 1024 * 1024;

/** Repeats `unit(i)` until the envelope around it is just under 1 MiB. */
function fill(open: string, unit: (i: number) => string, close: string): string {
  const parts: string[] = [];
  let size = envelope(open + close).length;
  for (let i = 0; ; i++) {
    const piece = unit(i);
    if (size + piece.length > MIB - 16) break;
    parts.push(piece);
    size += piece.length;
  }
  return envelope(open + parts.join('') + close);
}

/** Name → document. */
export const xmlInputs: Readonly<Record<string, string>> = {
  'checkSessionState (realistic, 0.3 KB)': envelope(
    '<m:checkSessionState><sessionId>4b1f0c8e-3a2d-4c39-9a51-7d2f3c9e8a10</sessionId></m:checkSessionState>',
  ),
  'getServiceState, 100 codes (realistic, 4 KB)': envelope(
    `<m:getServiceState><channelId>1003</channelId>${Array.from({ length: 100 }, (_, i) => `<serviceCodes>SERVICE_${i}</serviceCodes>`).join('')}</m:getServiceState>`,
  ),
  'startSession, 64 KiB data (realistic)': envelope(
    `<m:startSession><channelId>1003</channelId><serviceid>SUPPORT</serviceid><data>${'x&amp;y '.repeat(8192)}</data></m:startSession>`,
  ),
  '1 MiB: attributes on one element': fill(
    '<m:checkSessionState><sessionId ',
    (i) => `a${i.toString(36)}="" `,
    '>x</sessionId></m:checkSessionState>',
  ),
  '1 MiB: namespace declarations': fill(
    '<m:checkSessionState><sessionId ',
    (i) => `xmlns:p${i.toString(36)}="u" `,
    '>x</sessionId></m:checkSessionState>',
  ),
  '1 MiB: nesting': (() => {
    const n = Math.floor((MIB - 400) / 7);
    return envelope(`${'<a>'.repeat(n)}${'</a>'.repeat(n)}`);
  })(),
  '1 MiB: one long element name': envelope(`<${'n'.repeat(MIB - 400)}/>`),
  '1 MiB: elements': fill('<m:checkSessionState>', () => '<x/>', '</m:checkSessionState>'),
  '1 MiB: entity references': fill(
    '<m:checkSessionState><sessionId>',
    () => '&amp;',
    '</sessionId></m:checkSessionState>',
  ),
};
