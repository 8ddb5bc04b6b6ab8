"""Interop check with suds (python3-suds): a client loaded from the served WSDL drives the matrix.

Usage: /usr/bin/python3 suds_client.py <wsdl-url> <stale-wsdl-path> <repeat>
<stale-wsdl-path>: the served WSDL with one operation the server does not know (wsdl-variants.ts).
Prints one line per cell: "name: ok" or "name: FAILED why"; exits 1 when any cell failed.
"""
import sys

from suds import WebFault
from suds.client import Client

failures = 0


def cell(name, check):
    """Runs one cell: check() returns None when it holds, else why not."""
    global failures
    try:
        problem = check()
    except Exception as error:  # a stack's own exception is the cell's answer
        problem = f'{type(error).__name__}: {error}'
    if problem is None:
        print(f'{name}: ok', flush=True)
    else:
        failures += 1
        print(f'{name}: FAILED {problem}'.replace('\n', ' '), flush=True)


def expect(cond, answer):
    return None if cond else f'unexpected answer {answer}'


def fault(call, codes, reason, repeat=1):
    for run in range(1, repeat + 1):
        try:
            call()
            return f'run {run}: no SOAP fault'
        except WebFault as error:
            code, text = error.fault.faultcode, error.fault.faultstring
            if code.split(':')[-1] not in codes or reason not in (text or ''):
                return f'run {run}: fault {code} {text}'
    return None


def main(wsdl, stale_wsdl, repeat):
    svc = Client(wsdl, cache=None).service
    data = 'ciao <b> & "friends" é'

    def start():
        r = svc.startSession(channelId=1, serviceid='SUPPORT', sessionId='suds-1', data=data, contactId='c-1')
        return expect(r.result == 'SUCCESS' and r.sessionId == 'suds-1' and r.contactId == 'c-1' and getattr(r, 'failReason', None) is None, r)

    def accept():
        r = svc.sessionAccept(sessionId='suds-1', user='alice')
        return expect(r.result == 'SUCCESS' and r.status == 'BOOKED', r)

    def check():
        r = svc.checkSessionState(sessionId='suds-1')
        return expect(r.status == 'BOOKED' and r.username == 'alice', r)

    def set_data():
        r = svc.setSessionData(sessionId='suds-1', sessionData='step 2')
        return expect(r.result == 'SUCCESS' and r.sessionData == 'step 2', r)

    def check_data():
        r = svc.checkSessionStateWithData(sessionId='suds-1')
        return expect(r.data == data and r.sessionData == 'step 2', r)

    def service_state():
        r = svc.getServiceState(channelId=1003, serviceCodes=['SUPPORT', 'OFF'])
        states = {str(entry.key): str(entry.value) for entry in r.state.entry}
        return expect(r.channelId == 1003 and states == {'SUPPORT': 'ACTIVE', 'OFF': 'OUT_OF_SERVICE'}, r)

    def logout():
        r = svc.logoutAgentFromChannel(channelId=2, agentUsername='alice')
        return expect(r.result == 'SUCCESS' and r.agentUsername == 'alice', r)

    def close():
        r = svc.closeSession(sessionId='suds-1', reason='REQUEST_FROM_CALLEE')
        return expect(r.result == 'SUCCESS', r)

    def business_failure():
        r = svc.startSession(channelId=1, serviceid='NOPE')
        return expect(r.result == 'FAILED' and r.failReason == 'UNKNOWN_SERVICE' and r.failReasonMessage, r)

    cell('startSession', start)
    cell('sessionAccept', accept)
    cell('checkSessionState', check)
    cell('setSessionData', set_data)
    cell('checkSessionStateWithData', check_data)
    cell('getServiceState', service_state)
    cell('logoutAgentFromChannel', logout)
    cell('closeSession', close)
    cell('business failure', business_failure)
    cell('server fault', lambda: fault(lambda: svc.checkSessionState(sessionId='unavailable'),
                                       ('Server', 'Receiver'), 'MCC is under maintenance', repeat))
    cell('unknown operation', lambda: fault(lambda: Client('file://' + stale_wsdl, cache=None).service.noSuchOperation(sessionId='suds-1'),
                                            ('Client', 'Sender'), 'unknown operation'))
    huge = 'x' * (2 * 1024 * 1024)
    cell('over limit', lambda: fault(lambda: svc.setSessionData(sessionId='suds-1', sessionData=huge),
                                     ('Client', 'Sender'), 'exceeds', repeat))
    print('ALL OK' if failures == 0 else f'{failures} FAILED')
    sys.exit(0 if failures == 0 else 1)


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
