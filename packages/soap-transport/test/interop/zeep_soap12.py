"""SOAP 1.2 with zeep, against a WSDL served with the 1.2 port (the handler's soap12 option).

Usage: /usr/bin/python3 zeep_soap12.py <wsdl-url>
Prints one line per cell: "name: ok" or "name: FAILED why"; exits 1 when any cell failed.
"""
import sys

from zeep import Client
from zeep.exceptions import Fault

failures = 0


def cell(name, check):
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


def main(wsdl):
    soap12 = Client(wsdl).bind('MultiChannelConnectorService', 'MultiChannelConnectorSoap12Port')

    def business_failure():
        r = soap12.checkSessionState(sessionId='unknown')
        return None if r.result == 'FAILED' and r.failReason == 'INVALID_SESSION_ID' else f'unexpected answer {r}'

    def server_fault():
        try:
            soap12.checkSessionState(sessionId='unavailable')
            return 'no SOAP fault'
        except Fault as error:
            ok = error.code.split(':')[-1] == 'Receiver' and error.message == 'MCC is under maintenance'
            return None if ok else f'fault {error.code} {error.message}'

    cell('SOAP 1.2 business failure', business_failure)
    cell('SOAP 1.2 server fault', server_fault)
    print('ALL OK' if failures == 0 else f'{failures} FAILED')
    sys.exit(0 if failures == 0 else 1)


if __name__ == '__main__':
    main(sys.argv[1])
