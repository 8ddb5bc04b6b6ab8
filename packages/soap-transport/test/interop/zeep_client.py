"""Interop check with zeep (Python): load the WSDL our server serves and run all 8 operations.

Usage: /usr/bin/python3 zeep_client.py <wsdl-url>
Prints one line per check; exits non-zero at the first failed assertion.
"""
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.helpers import serialize_object


def state_map(state):
    return {entry.key: entry.value for entry in (state.entry if state is not None else [])}


def main(wsdl):
    client = Client(wsdl)
    svc = client.service

    r = svc.startSession(channelId=1, serviceid='SUPPORT', sessionId='zeep-1',
                         data='ciao <b> & "friends" é', contactId='c-1', contactValue='+39 02 1234')
    assert r.result == 'SUCCESS' and r.sessionId == 'zeep-1', serialize_object(r)
    assert r.contactId == 'c-1' and r.contactValue == '+39 02 1234', serialize_object(r)
    assert r.failReason is None
    print('startSession ok')

    r = svc.startSession(channelId=1, serviceid='NOPE')
    assert r.result == 'FAILED' and r.failReason == 'UNKNOWN_SERVICE' and r.failReasonMessage, serialize_object(r)
    print('startSession failure ok')

    r = svc.sessionAccept(sessionId='zeep-1', user='alice')
    assert r.result == 'SUCCESS' and r.status == 'BOOKED', serialize_object(r)
    print('sessionAccept ok')

    r = svc.checkSessionState(sessionId='zeep-1')
    assert r.result == 'SUCCESS' and r.status == 'BOOKED' and r.username == 'alice', serialize_object(r)
    assert r.customMessage == 'You are number 1 in the queue'
    print('checkSessionState ok')

    r = svc.setSessionData(sessionId='zeep-1', sessionData='step 2')
    assert r.result == 'SUCCESS' and r.sessionData == 'step 2', serialize_object(r)
    print('setSessionData ok')

    r = svc.checkSessionStateWithData(sessionId='zeep-1')
    assert r.result == 'SUCCESS' and r.data == 'ciao <b> & "friends" é' and r.sessionData == 'step 2', serialize_object(r)
    print('checkSessionStateWithData ok')

    r = svc.getServiceState(channelId=1003, serviceCodes=['SUPPORT', 'OFF'])
    assert r.result == 'SUCCESS' and r.channelId == 1003, serialize_object(r)
    assert state_map(r.state) == {'SUPPORT': 'ACTIVE', 'OFF': 'OUT_OF_SERVICE'}, serialize_object(r)
    print('getServiceState ok')

    r = svc.logoutAgentFromChannel(channelId=2, agentUsername='alice')
    assert r.result == 'SUCCESS' and r.channelId == 2 and r.agentUsername == 'alice', serialize_object(r)
    print('logoutAgentFromChannel ok')

    r = svc.closeSession(sessionId='zeep-1', reason='REQUEST_FROM_CALLEE')
    assert r.result == 'SUCCESS' and r.sessionId == 'zeep-1', serialize_object(r)
    print('closeSession ok')

    r = svc.checkSessionState(sessionId='zeep-1')
    assert r.status == 'CLOSED', serialize_object(r)

    soap12 = client.bind('MultiChannelConnectorService', 'MultiChannelConnectorSoap12Port')
    r = soap12.checkSessionState(sessionId='unknown')
    assert r.result == 'FAILED' and r.failReason == 'INVALID_SESSION_ID', serialize_object(r)
    print('SOAP 1.2 ok')

    # The test service throws for this id: zeep must see a proper soap:Server fault.
    try:
        svc.checkSessionState(sessionId='explode')
        raise AssertionError('no fault raised')
    except Fault as fault:
        assert fault.code.endswith('Server') and fault.message == 'internal server error', (fault.code, fault.message)
        print('fault ok')

    print('ALL OK')


if __name__ == '__main__':
    main(sys.argv[1])
