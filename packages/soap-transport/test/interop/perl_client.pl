#!/usr/bin/perl
# Interop check with SOAP::Lite (libsoap-lite-perl): document/literal calls built by hand (SOAP::Lite
# has no WSDL-driven document/literal support), answers read with SOAP::SOM. The endpoint is read
# from the WSDL's soap:address. Values are typed 'string': with autotype(0) alone SOAP::Lite 1.27
# does not escape markup (it sends `a <b> & c` raw, which any XML parser must refuse).
# Usage: perl perl_client.pl <wsdl-url>
use strict;
use warnings;
use SOAP::Lite;
use LWP::UserAgent;

my $wsdl = LWP::UserAgent->new->get($ARGV[0])->decoded_content;
my ($endpoint) = $wsdl =~ /<soap:address location="([^"]+)"/ or die "no soap:address\n";
my ($ns) = $wsdl =~ /targetNamespace="([^"]+)"/;
my $soap = SOAP::Lite->proxy($endpoint)->default_ns($ns)->autotype(0);
$soap->ns($ns, 'mcc');

sub call {
    my ($op, @params) = @_;
    my @data;
    while (my ($k, $v) = splice(@params, 0, 2)) { push @data, SOAP::Data->name($k => $v)->type('string')->uri(''); }
    my $som = $soap->call(SOAP::Data->name("mcc:$op") => @data);
    die "fault in $op: " . $som->faultstring . "\n" if $som->fault;
    return $som;
}
sub check { my ($cond, $what) = @_; die "FAILED: $what\n" unless $cond; }

my $r = call('startSession', channelId => 1, serviceid => 'SUPPORT', sessionId => 'perl-1', data => 'a <b> & c');
check($r->valueof('//return/result') eq 'SUCCESS' && $r->valueof('//return/sessionId') eq 'perl-1', 'startSession');
print "startSession ok\n";
$r = call('sessionAccept', sessionId => 'perl-1');
check($r->valueof('//return/status') eq 'QUEUED', 'sessionAccept');
print "sessionAccept ok\n";
$r = call('checkSessionState', sessionId => 'perl-1');
check($r->valueof('//return/status') eq 'QUEUED', 'checkSessionState');
print "checkSessionState ok\n";
$r = call('setSessionData', sessionId => 'perl-1', sessionData => 'x');
check($r->valueof('//return/sessionData') eq 'x', 'setSessionData');
print "setSessionData ok\n";
$r = call('checkSessionStateWithData', sessionId => 'perl-1');
check($r->valueof('//return/data') eq 'a <b> & c', 'checkSessionStateWithData');
print "checkSessionStateWithData ok\n";
$r = call('getServiceState', channelId => 1, serviceCodes => 'SUPPORT', serviceCodes => 'OFF');
my @keys = $r->valueof('//return/state/entry/key');
my @values = $r->valueof('//return/state/entry/value');
check("@keys" eq 'SUPPORT OFF' && "@values" eq 'ACTIVE OUT_OF_SERVICE', "getServiceState (@keys / @values)");
print "getServiceState ok\n";
$r = call('logoutAgentFromChannel', channelId => 2, agentUsername => 'alice');
check($r->valueof('//return/agentUsername') eq 'alice', 'logoutAgentFromChannel');
print "logoutAgentFromChannel ok\n";
$r = call('closeSession', sessionId => 'perl-1');
check($r->valueof('//return/result') eq 'SUCCESS', 'closeSession');
print "closeSession ok\n";
my $som = $soap->call(SOAP::Data->name('mcc:checkSessionState') => SOAP::Data->name(sessionId => 'explode')->uri(''));
check($som->fault && $som->faultcode =~ /Server$/, 'fault');
print "fault ok\nALL OK\n";
