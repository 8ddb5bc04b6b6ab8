# The tour's flow with SOAP::Lite: document/literal calls built by hand (SOAP::Lite reads no
# document/literal WSDL); the endpoint is the WSDL URL without its query.
# Usage: perl tour.pl <wsdl-url>
use strict;
use warnings;
use SOAP::Lite;

(my $endpoint = $ARGV[0]) =~ s/\?.*//;
my $mcc = SOAP::Lite->proxy($endpoint)->default_ns('http://mcc.tvox/')->autotype(0);
$mcc->ns('http://mcc.tvox/', 'mcc');
sub call {
    my ($op, %params) = @_;
    my @data = map { SOAP::Data->name($_ => $params{$_})->type('string')->uri('') } sort keys %params;
    my $som = $mcc->call(SOAP::Data->name("mcc:$op") => @data);
    die $som->faultstring . "\n" if $som->fault;
    return $som;
}
my $started = call('startSession', channelId => 1003, serviceid => 'SUPPORT');
die $started->valueof('//return/failReason') . "\n" if $started->valueof('//return/result') eq 'FAILED';
my $sessionId = $started->valueof('//return/sessionId');
my $checked = call('checkSessionState', sessionId => $sessionId);
print $checked->valueof('//return/result') eq 'SUCCESS' ? $checked->valueof('//return/status') : $checked->valueof('//return/failReason'), "\n";
call('closeSession', sessionId => $sessionId);
