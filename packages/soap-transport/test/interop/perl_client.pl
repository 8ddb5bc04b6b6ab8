#!/usr/bin/perl
# Interop check with SOAP::Lite (libsoap-lite-perl): document/literal calls built by hand (SOAP::Lite
# has no WSDL-driven document/literal support), answers read with SOAP::SOM. The endpoint and the
# namespace are read from the served WSDL. Values are typed 'string': with autotype(0) alone
# SOAP::Lite 1.27 does not escape markup (it sends `a <b> & c` raw, which any XML parser must refuse).
# Usage: perl perl_client.pl <wsdl-url> <repeat>
# Prints one line per cell: "name: ok" or "name: FAILED why"; exits 1 when any cell failed.
use strict;
use warnings;
use utf8;
use SOAP::Lite;
use LWP::UserAgent;

binmode STDOUT, ':encoding(UTF-8)';
my ($wsdl_url, $repeat) = @ARGV;
my $wsdl = LWP::UserAgent->new->get($wsdl_url)->decoded_content;
my ($endpoint) = $wsdl =~ /<soap:address location="([^"]+)"/ or die "no soap:address\n";
my ($ns) = $wsdl =~ /targetNamespace="([^"]+)"/;
my $soap = SOAP::Lite->proxy($endpoint, timeout => 10)->default_ns($ns)->autotype(0);
$soap->ns($ns, 'mcc');
$soap->on_fault(sub { my ($soap, $res) = @_; return ref $res ? $res : die "transport: " . $soap->transport->status . "\n"; });
my $failures = 0;

sub call {
    my ($op, @params) = @_;
    my @data;
    while (my ($k, $v) = splice(@params, 0, 2)) {
        push @data, ref $v eq 'ARRAY' ? map { SOAP::Data->name($k => $_)->type('string')->uri('') } @$v
            : SOAP::Data->name($k => $v)->type('string')->uri('');
    }
    return $soap->call(SOAP::Data->name("mcc:$op") => @data);
}

sub answer {
    my $som = call(@_);
    die 'fault ' . $som->faultcode . ' ' . $som->faultstring . "\n" if $som->fault;
    return $som;
}

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

sub expect { my ($cond) = @_; return $cond ? undef : 'unexpected answer'; }

sub fault {
    my ($codes, $reason, $times, @call) = @_;
    for my $run (1 .. $times) {
        my $som = call(@call);
        return "run $run: no SOAP fault" if !$som->fault;
        (my $code = $som->faultcode) =~ s/^.*://;
        my $text = $som->faultstring // '';
        return "run $run: fault $code $text" unless (grep { $_ eq $code } @$codes) && index($text, $reason) >= 0;
    }
    return undef;
}

my $data = 'ciao <b> & "friends" é';
cell('startSession', sub {
    my $r = answer('startSession', channelId => 1, serviceid => 'SUPPORT', sessionId => 'perl-1', data => $data, contactId => 'c-1');
    return expect($r->valueof('//return/result') eq 'SUCCESS' && $r->valueof('//return/sessionId') eq 'perl-1'
        && $r->valueof('//return/contactId') eq 'c-1' && !defined $r->valueof('//return/failReason'));
});
cell('sessionAccept', sub {
    my $r = answer('sessionAccept', sessionId => 'perl-1', user => 'alice');
    return expect($r->valueof('//return/status') eq 'BOOKED');
});
cell('checkSessionState', sub {
    my $r = answer('checkSessionState', sessionId => 'perl-1');
    return expect($r->valueof('//return/status') eq 'BOOKED' && $r->valueof('//return/username') eq 'alice');
});
cell('setSessionData', sub {
    my $r = answer('setSessionData', sessionId => 'perl-1', sessionData => 'step 2');
    return expect($r->valueof('//return/sessionData') eq 'step 2');
});
cell('checkSessionStateWithData', sub {
    my $r = answer('checkSessionStateWithData', sessionId => 'perl-1');
    return expect($r->valueof('//return/data') eq $data && $r->valueof('//return/sessionData') eq 'step 2');
});
cell('getServiceState', sub {
    my $r = answer('getServiceState', channelId => 1003, serviceCodes => ['SUPPORT', 'OFF']);
    my @keys = $r->valueof('//return/state/entry/key');
    my @values = $r->valueof('//return/state/entry/value');
    return expect($r->valueof('//return/channelId') == 1003 && "@keys" eq 'SUPPORT OFF' && "@values" eq 'ACTIVE OUT_OF_SERVICE');
});
cell('logoutAgentFromChannel', sub {
    my $r = answer('logoutAgentFromChannel', channelId => 2, agentUsername => 'alice');
    return expect($r->valueof('//return/result') eq 'SUCCESS' && $r->valueof('//return/agentUsername') eq 'alice');
});
cell('closeSession', sub {
    my $r = answer('closeSession', sessionId => 'perl-1', reason => 'REQUEST_FROM_CALLEE');
    return expect($r->valueof('//return/result') eq 'SUCCESS');
});
cell('business failure', sub {
    my $r = answer('startSession', channelId => 1, serviceid => 'NOPE');
    return expect($r->valueof('//return/result') eq 'FAILED' && $r->valueof('//return/failReason') eq 'UNKNOWN_SERVICE');
});
cell('server fault', sub { fault(['Server', 'Receiver'], 'MCC is under maintenance', $repeat, 'checkSessionState', sessionId => 'unavailable') });
cell('unknown operation', sub { fault(['Client', 'Sender'], 'unknown operation', 1, 'noSuchOperation', sessionId => 'perl-1') });
my $huge = 'x' x (2 * 1024 * 1024);
cell('over limit', sub { fault(['Client', 'Sender'], 'exceeds', $repeat, 'setSessionData', sessionId => 'perl-1', sessionData => $huge) });
print $failures == 0 ? "ALL OK\n" : "$failures FAILED\n";
exit($failures == 0 ? 0 : 1);
