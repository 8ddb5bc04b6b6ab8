// The tour's flow with Mono's System.Web.Services: the proxy class `wsdl` generated from the
// served WSDL (its Url is the WSDL's soap:address). Usage: mono Tour.exe
using System;

public static class Tour {
    public static int Main() {
        var mcc = new MultiChannelConnectorService();
        var started = mcc.startSession(1003, "SUPPORT", null, null, null, null, null);
        if (started.result == CommandResult.FAILED) return 1;
        var state = mcc.checkSessionState(started.sessionId);
        Console.WriteLine(state.result == CommandResult.SUCCESS ? state.status.ToString() : state.failReason.ToString());
        mcc.closeSession(started.sessionId, Reason.REQUEST_FROM_CALLER, false);
        return 0;
    }
}
