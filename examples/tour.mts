import { createRestClient } from '@mcc/rest-transport/client';
import { createSoapClient } from '@mcc/soap-transport/client';

const origin = process.env.MCC_ORIGIN ?? 'http://127.0.0.1:8080';
const rest = createRestClient({ baseUrl: `${origin}/mc/cxf/rest/json` });
const soap = createSoapClient({ wsdlUrl: `${origin}/mc/cxf/soap?wsdl` });

const started = await rest.startSession({ channelId: 1003, serviceid: 'SUPPORT' });
if (started.result === 'FAILED') throw new Error(started.failReason); // 'NO_LICENSE' | 'UNKNOWN_SERVICE' | …
const checked = await soap.checkSession({ sessionId: started.sessionId }); // SOAP checkSessionState
console.log(checked.result === 'SUCCESS' ? checked.status : checked.failReason);
await rest.closeSession({ sessionId: started.sessionId });
await rest.close();
