"""Interop check with zeep's WS-Security UsernameToken (text and digest) against a protected server.

Usage: /usr/bin/python3 zeep_wsse.py <wsdl-url> <username> <password>
Prints one line per check; exits non-zero at the first failed assertion.
"""
import sys

from zeep import Client
from zeep.exceptions import Fault
from zeep.wsse.username import UsernameToken


def check(wsdl, username, password, use_digest):
    client = Client(wsdl, wsse=UsernameToken(username, password, use_digest=use_digest))
    r = client.service.checkSessionState(sessionId='nobody')
    assert r.result == 'FAILED', r
    # zeep draws a new nonce per call: a second call is not a replay.
    r = client.service.checkSessionState(sessionId='nobody')
    assert r.result == 'FAILED', r


def main(wsdl, username, password):
    check(wsdl, username, password, False)
    print('text ok')
    check(wsdl, username, password, True)
    print('digest ok')
    try:
        check(wsdl, username, password + '-wrong', True)
    except Fault as fault:
        assert fault.code.endswith('Client'), fault.code
        print('wrong password refused ok')
    else:
        raise AssertionError('a wrong password was accepted')


if __name__ == '__main__':
    main(*sys.argv[1:4])
