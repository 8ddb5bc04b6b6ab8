<?php
// Interop check with PHP's SoapClient (php-soap): load the WSDL our server serves and run all
// 8 operations. Usage: php php_client.php <wsdl-url>. Exits non-zero at the first failure.
function check($cond, $what) {
    if (!$cond) { fwrite(STDERR, "FAILED: $what\n"); exit(1); }
}

$client = new SoapClient($argv[1], ['cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true, 'trace' => true]);

$r = $client->startSession(['channelId' => 1, 'serviceid' => 'SUPPORT', 'sessionId' => 'php-1',
    'data' => 'ciao <b> & "friends" é', 'contactId' => 'c-1'])->return;
check($r->result === 'SUCCESS' && $r->sessionId === 'php-1' && $r->contactId === 'c-1', 'startSession');
check(!isset($r->failReason), 'startSession: absent fields stay absent');
echo "startSession ok\n";

$r = $client->sessionAccept(['sessionId' => 'php-1', 'user' => 'alice'])->return;
check($r->result === 'SUCCESS' && $r->status === 'BOOKED', 'sessionAccept');
echo "sessionAccept ok\n";

$r = $client->checkSessionState(['sessionId' => 'php-1'])->return;
check($r->status === 'BOOKED' && $r->username === 'alice', 'checkSessionState');
echo "checkSessionState ok\n";

$r = $client->setSessionData(['sessionId' => 'php-1', 'sessionData' => 'step 2'])->return;
check($r->result === 'SUCCESS' && $r->sessionData === 'step 2', 'setSessionData');
echo "setSessionData ok\n";

$r = $client->checkSessionStateWithData(['sessionId' => 'php-1'])->return;
check($r->data === 'ciao <b> & "friends" é' && $r->sessionData === 'step 2', 'checkSessionStateWithData');
echo "checkSessionStateWithData ok\n";

$r = $client->getServiceState(['channelId' => 1003, 'serviceCodes' => ['SUPPORT', 'OFF']])->return;
$entries = is_array($r->state->entry) ? $r->state->entry : [$r->state->entry];
$map = [];
foreach ($entries as $e) { $map[$e->key] = $e->value; }
check($r->channelId === 1003 && $map === ['SUPPORT' => 'ACTIVE', 'OFF' => 'OUT_OF_SERVICE'], 'getServiceState');
echo "getServiceState ok\n";

$r = $client->logoutAgentFromChannel(['channelId' => 2, 'agentUsername' => 'bob'])->return;
check($r->result === 'FAILED' && $r->failReason === 'INVALID_USERNAME', 'logoutAgentFromChannel');
echo "logoutAgentFromChannel ok\n";

$r = $client->closeSession(['sessionId' => 'php-1', 'reason' => 'REQUEST_FROM_CALLER'])->return;
check($r->result === 'SUCCESS', 'closeSession');
echo "closeSession ok\n";

try {
    $client->checkSessionState(['sessionId' => 'explode']);
    check(false, 'no fault raised');
} catch (SoapFault $f) {
    check($f->faultcode === 'SOAP-ENV:Server' || str_ends_with($f->faultcode, 'Server'), "faultcode {$f->faultcode}");
    check($f->getMessage() === 'internal server error', 'faultstring');
    echo "fault ok\n";
}
echo "ALL OK\n";
