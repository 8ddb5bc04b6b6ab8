#!/usr/bin/perl
# Interop check with SOAP::WSDL 3 (libsoap-wsdl-perl): the classes wsdl2perl generates from the
# served WSDL (prefix Mcc) drive the matrix; the classes generated from the served WSDL plus one
# operation the server does not know (prefix Stale, wsdl-variants.ts) call that operation.
# Usage: perl -I<generated lib> soap_wsdl_client.pl <endpoint> <repeat>
# Prints one line per cell: "name: ok" or "name: FAILED why"; exits 1 when any cell failed.
use strict;
use warnings;
use utf8;
use MccInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort;
use StaleInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort;

binmode STDOUT, ':encoding(UTF-8)';
my ($endpoint, $repeat) = @ARGV;
my $mcc = MccInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort->new({ proxy => $endpoint });
my $failures = 0;

# Runs one cell: $check returns undef when it holds, else why not.
sub cell {
    my ($name, $check) = @_;
    my $problem = eval { $check->() };
    $problem = "died: $@" if !defined $problem && $@;
    if (!defined $problem) { print "$name: ok\n"; return; }
    $failures++;
    $problem =~ s/\n/ /g;
    print "$name: FAILED $problem\n";
}

sub answer {
    my ($r, $op) = @_;
    die 'fault ' . $r->get_faultcode . ' ' . $r->get_faultstring . "\n" if !$r;
    return $r->get_return;
}

sub expect { my ($cond) = @_; return $cond ? undef : 'unexpected answer'; }

# undef when each of $repeat calls gives a SOAP fault with one of @codes and a reason containing $reason.
sub fault {
    my ($call, $codes, $reason, $times) = @_;
    for my $run (1 .. ($times // 1)) {
        my $r = $call->();
        return "run $run: no SOAP fault" if $r;
        my ($code, $text) = ($r->get_faultcode // '', $r->get_faultstring // '');
        (my $local = "$code") =~ s/^.*://;
        return "run $run: fault $code $text" unless (grep { $_ eq $local } @$codes) && index("$text", $reason) >= 0;
    }
    return undef;
}

my $data = 'ciao <b> & "friends" é';
cell('startSession', sub {
    my $r = answer($mcc->startSession({ channelId => 1, serviceid => 'SUPPORT', sessionId => 'perl-wsdl-1',
        data => $data, contactId => 'c-1' }));
    return expect($r->get_result eq 'SUCCESS' && $r->get_sessionId eq 'perl-wsdl-1' && $r->get_contactId eq 'c-1'
        && !defined $r->get_failReason);
});
cell('sessionAccept', sub {
    my $r = answer($mcc->sessionAccept({ sessionId => 'perl-wsdl-1', user => 'alice' }));
    return expect($r->get_status eq 'BOOKED');
});
cell('checkSessionState', sub {
    my $r = answer($mcc->checkSessionState({ sessionId => 'perl-wsdl-1' }));
    return expect($r->get_status eq 'BOOKED' && $r->get_username eq 'alice');
});
cell('setSessionData', sub {
    my $r = answer($mcc->setSessionData({ sessionId => 'perl-wsdl-1', sessionData => 'step 2' }));
    return expect($r->get_result eq 'SUCCESS' && $r->get_sessionData eq 'step 2');
});
cell('checkSessionStateWithData', sub {
    my $r = answer($mcc->checkSessionStateWithData({ sessionId => 'perl-wsdl-1' }));
    return expect($r->get_data eq $data && $r->get_sessionData eq 'step 2');
});
cell('getServiceState', sub {
    my $r = answer($mcc->getServiceState({ channelId => 1003, serviceCodes => ['SUPPORT', 'OFF'] }));
    my $entries = $r->get_state->get_entry;
    my $map = join ',', map { $_->get_key . '=' . $_->get_value } (ref $entries eq 'ARRAY' ? @$entries : ($entries));
    return expect($r->get_channelId == 1003 && $map eq 'SUPPORT=ACTIVE,OFF=OUT_OF_SERVICE');
});
cell('logoutAgentFromChannel', sub {
    my $r = answer($mcc->logoutAgentFromChannel({ channelId => 2, agentUsername => 'alice' }));
    return expect($r->get_result eq 'SUCCESS' && $r->get_agentUsername eq 'alice');
});
cell('closeSession', sub {
    my $r = answer($mcc->closeSession({ sessionId => 'perl-wsdl-1', reason => 'REQUEST_FROM_CALLEE' }));
    return expect($r->get_result eq 'SUCCESS');
});
cell('business failure', sub {
    my $r = answer($mcc->startSession({ channelId => 1, serviceid => 'NOPE' }));
    return expect($r->get_result eq 'FAILED' && $r->get_failReason eq 'UNKNOWN_SERVICE' && $r->get_failReasonMessage ne '');
});
cell('server fault', sub {
    fault(sub { $mcc->checkSessionState({ sessionId => 'unavailable' }) }, ['Server', 'Receiver'], 'MCC is under maintenance', $repeat);
});
cell('unknown operation', sub {
    my $stale = StaleInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort->new({ proxy => $endpoint });
    fault(sub { $stale->noSuchOperation({ sessionId => 'perl-wsdl-1' }) }, ['Client', 'Sender'], 'unknown operation');
});
my $huge = 'x' x (2 * 1024 * 1024);
cell('over limit', sub {
    fault(sub { $mcc->setSessionData({ sessionId => 'perl-wsdl-1', sessionData => $huge }) }, ['Client', 'Sender'], 'exceeds', $repeat);
});
print $failures == 0 ? "ALL OK\n" : "$failures FAILED\n";
exit($failures == 0 ? 0 : 1);
