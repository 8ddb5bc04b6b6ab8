<?php
// The tour's flow with PHP's SoapClient: start a session, read its state over SOAP, close it.
// Usage: php tour.php <wsdl-url>
$mcc = new SoapClient($argv[1], ['cache_wsdl' => WSDL_CACHE_NONE]);
$started = $mcc->startSession(['channelId' => 1003, 'serviceid' => 'SUPPORT'])->return;
if ($started->result === 'FAILED') { exit($started->failReason . "\n"); }
$checked = $mcc->checkSessionState(['sessionId' => $started->sessionId])->return;
echo ($checked->result === 'SUCCESS' ? $checked->status : $checked->failReason), "\n";
$mcc->closeSession(['sessionId' => $started->sessionId]);
