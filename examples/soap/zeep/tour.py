# The tour's flow with zeep: start a session, read its state over SOAP, close it.
# Usage: python3 tour.py <wsdl-url>
import sys

from zeep import Client

mcc = Client(sys.argv[1]).service
started = mcc.startSession(channelId=1003, serviceid='SUPPORT')
if started.result == 'FAILED':
    raise SystemExit(started.failReason)
checked = mcc.checkSessionState(sessionId=started.sessionId)
print(checked.status if checked.result == 'SUCCESS' else checked.failReason)
mcc.closeSession(sessionId=started.sessionId)
