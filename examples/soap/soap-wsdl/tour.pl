# The tour's flow with SOAP::WSDL: the classes wsdl2perl generated (prefix Mcc, in ./lib).
# Usage: perl -Ilib tour.pl
use strict;
use warnings;
use MccInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort;

my $mcc = MccInterfaces::MultiChannelConnectorService::MultiChannelConnectorPort->new();
my $started = $mcc->startSession({ channelId => 1003, serviceid => 'SUPPORT' }) or die "fault\n";
die $started->get_return->get_failReason . "\n" if $started->get_return->get_result eq 'FAILED';
my $sessionId = $started->get_return->get_sessionId;
my $checked = $mcc->checkSessionState({ sessionId => $sessionId })->get_return;
print $checked->get_result eq 'SUCCESS' ? $checked->get_status : $checked->get_failReason, "\n";
$mcc->closeSession({ sessionId => $sessionId });
