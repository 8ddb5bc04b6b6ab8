<?php
// Interop check with PHP's SoapClient (php-soap): a client loaded from the served WSDL drives the matrix.
// Usage: php php_client.php <wsdl-url> <stale-wsdl-path> <repeat>
// <stale-wsdl-path>: the served WSDL with one operation the server does not know (wsdl-variants.ts).
// Prints one line per cell: "name: ok" or "name: FAILED why"; exits 1 when any cell failed.
$failures = 0;

/** Runs one cell: $check returns null when it holds, else why not. */
function cell(string $name, callable $check): void {
    global $failures;
    try { $problem = $check(); } catch (Throwable $e) { $problem = get_class($e) . ': ' . $e->getMessage(); }
    if ($problem === null) { echo "$name: ok\n"; return; }
    $failures++;
    echo "$name: FAILED " . str_replace("\n", ' ', $problem) . "\n";
}

function expect(bool $cond, $answer): ?string {
    return $cond ? null : 'unexpected answer ' . json_encode($answer);
}

function fault(callable $call, array $codes, string $reason, int $repeat = 1): ?string {
    for ($run = 1; $run <= $repeat; $run++) {
        try {
            $call();
            return "run $run: no SOAP fault";
        } catch (SoapFault $f) {
            $code = preg_replace('/^.*:/', '', $f->faultcode);
            if (!in_array($code, $codes, true) || !str_contains($f->getMessage(), $reason)) {
                return "run $run: fault {$f->faultcode} {$f->getMessage()}";
            }
        }
    }
    return null;
}

[, $wsdl, $staleWsdl, $repeat] = $argv;
$options = ['cache_wsdl' => WSDL_CACHE_NONE, 'exceptions' => true];
$mcc = new SoapClient($wsdl, $options);
$data = 'ciao <b> & "friends" é';

cell('startSession', function () use ($mcc, $data) {
    $r = $mcc->startSession(['channelId' => 1, 'serviceid' => 'SUPPORT', 'sessionId' => 'php-1',
        'data' => $data, 'contactId' => 'c-1'])->return;
    return expect($r->result === 'SUCCESS' && $r->sessionId === 'php-1' && $r->contactId === 'c-1' && !isset($r->failReason), $r);
});
cell('sessionAccept', function () use ($mcc) {
    $r = $mcc->sessionAccept(['sessionId' => 'php-1', 'user' => 'alice'])->return;
    return expect($r->result === 'SUCCESS' && $r->status === 'BOOKED', $r);
});
cell('checkSessionState', function () use ($mcc) {
    $r = $mcc->checkSessionState(['sessionId' => 'php-1'])->return;
    return expect($r->status === 'BOOKED' && $r->username === 'alice', $r);
});
cell('setSessionData', function () use ($mcc) {
    $r = $mcc->setSessionData(['sessionId' => 'php-1', 'sessionData' => 'step 2'])->return;
    return expect($r->result === 'SUCCESS' && $r->sessionData === 'step 2', $r);
});
cell('checkSessionStateWithData', function () use ($mcc, $data) {
    $r = $mcc->checkSessionStateWithData(['sessionId' => 'php-1'])->return;
    return expect($r->data === $data && $r->sessionData === 'step 2', $r);
});
cell('getServiceState', function () use ($mcc) {
    $r = $mcc->getServiceState(['channelId' => 1003, 'serviceCodes' => ['SUPPORT', 'OFF']])->return;
    $entries = is_array($r->state->entry) ? $r->state->entry : [$r->state->entry];
    $map = [];
    foreach ($entries as $e) { $map[$e->key] = $e->value; }
    return expect($r->channelId === 1003 && $map === ['SUPPORT' => 'ACTIVE', 'OFF' => 'OUT_OF_SERVICE'], $r);
});
cell('logoutAgentFromChannel', function () use ($mcc) {
    $r = $mcc->logoutAgentFromChannel(['channelId' => 2, 'agentUsername' => 'alice'])->return;
    return expect($r->result === 'SUCCESS' && $r->agentUsername === 'alice', $r);
});
cell('closeSession', function () use ($mcc) {
    $r = $mcc->closeSession(['sessionId' => 'php-1', 'reason' => 'REQUEST_FROM_CALLER'])->return;
    return expect($r->result === 'SUCCESS', $r);
});
cell('business failure', function () use ($mcc) {
    $r = $mcc->startSession(['channelId' => 1, 'serviceid' => 'NOPE'])->return;
    return expect($r->result === 'FAILED' && $r->failReason === 'UNKNOWN_SERVICE' && $r->failReasonMessage !== '', $r);
});
cell('server fault', fn () => fault(fn () => $mcc->checkSessionState(['sessionId' => 'unavailable']),
    ['Server', 'Receiver'], 'MCC is under maintenance', (int) $repeat));
cell('unknown operation', fn () => fault(fn () => (new SoapClient($staleWsdl, $options))->noSuchOperation(['sessionId' => 'php-1']),
    ['Client', 'Sender'], 'unknown operation'));
$huge = str_repeat('x', 2 * 1024 * 1024);
cell('over limit', fn () => fault(fn () => $mcc->setSessionData(['sessionId' => 'php-1', 'sessionData' => $huge]),
    ['Client', 'Sender'], 'exceeds', (int) $repeat));
echo $failures === 0 ? "ALL OK\n" : "$failures FAILED\n";
exit($failures === 0 ? 0 : 1);
