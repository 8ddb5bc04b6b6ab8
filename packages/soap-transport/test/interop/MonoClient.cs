// Interop check with Mono's System.Web.Services (mono-devel): the proxy `wsdl` generates from the
// served WSDL drives the eight operations; one method added by hand calls an operation the server
// does not know. Usage: mono MonoClient.exe <endpoint> <repeat>. Prints one line per check.
using System;
using System.Collections.Generic;
using System.Web.Services.Protocols;

public class StaleMultiChannelConnectorService : MultiChannelConnectorService {
    [SoapDocumentMethod("", RequestNamespace = "http://mcc.tvox/", ResponseNamespace = "http://mcc.tvox/",
        Use = System.Web.Services.Description.SoapBindingUse.Literal, ParameterStyle = SoapParameterStyle.Wrapped)]
    [return: System.Xml.Serialization.XmlElement("return", Form = System.Xml.Schema.XmlSchemaForm.Unqualified)]
    public CheckSessionResult noSuchOperation([System.Xml.Serialization.XmlElement(Form = System.Xml.Schema.XmlSchemaForm.Unqualified)] string sessionId) {
        return (CheckSessionResult)Invoke("noSuchOperation", new object[] { sessionId })[0];
    }
}

public static class MonoClient {
    static int failures = 0;

    static void Cell(string name, Func<string> run) {
        string problem;
        try { problem = run(); } catch (Exception e) { problem = e.GetType().Name + ": " + e.Message; }
        if (problem == null) Console.WriteLine(name + ": ok");
        else { failures++; Console.WriteLine(name + ": FAILED " + problem.Replace('\n', ' ')); }
    }

    static string Fault(Action call, string[] codes, string reason) {
        try { call(); } catch (SoapException e) {
            if (Array.IndexOf(codes, e.Code.Name) < 0) return "fault code " + e.Code.Name;
            return e.Message.Contains(reason) ? null : "fault reason " + e.Message;
        }
        return "no SOAP fault";
    }

    public static int Main(string[] args) {
        var mcc = new StaleMultiChannelConnectorService { Url = args[0] };
        int repeat = int.Parse(args[1]);
        string data = "ciao <b> & \"friends\" \u00e9";
        Cell("startSession", () => {
            var r = mcc.startSession(1, "SUPPORT", "mono-1", data, null, "c-1", null);
            return r.result == CommandResult.SUCCESS && r.sessionId == "mono-1" && r.contactId == "c-1" && !r.failReasonSpecified ? null : "answer";
        });
        Cell("sessionAccept", () => {
            var r = mcc.sessionAccept("mono-1", "alice");
            return r.statusSpecified && r.status == SessionStatus.BOOKED ? null : "answer";
        });
        Cell("checkSessionState", () => {
            var r = mcc.checkSessionState("mono-1");
            return r.status == SessionStatus.BOOKED && r.username == "alice" ? null : "answer";
        });
        Cell("setSessionData", () => {
            var r = mcc.setSessionData("mono-1", "step 2");
            return r.result == CommandResult.SUCCESS && r.sessionData == "step 2" ? null : "answer";
        });
        Cell("checkSessionStateWithData", () => {
            var r = mcc.checkSessionStateWithData("mono-1");
            return r.data == data && r.sessionData == "step 2" ? null : "answer";
        });
        Cell("getServiceState", () => {
            var r = mcc.getServiceState(1003, new[] { "SUPPORT", "OFF" });
            var map = new Dictionary<string, ServiceState>();
            foreach (var e in r.state) map[e.key] = e.value;
            return r.channelId == 1003 && map.Count == 2 && map["SUPPORT"] == ServiceState.ACTIVE && map["OFF"] == ServiceState.OUT_OF_SERVICE ? null : "answer";
        });
        Cell("logoutAgentFromChannel", () => {
            var r = mcc.logoutAgentFromChannel(2, "alice");
            return r.result == CommandResult.SUCCESS && r.agentUsername == "alice" ? null : "answer";
        });
        Cell("closeSession", () => {
            var r = mcc.closeSession("mono-1", Reason.REQUEST_FROM_CALLEE, true);
            return r.result == CommandResult.SUCCESS ? null : "answer";
        });
        Cell("business failure", () => {
            var r = mcc.startSession(1, "NOPE", null, null, null, null, null);
            return r.result == CommandResult.FAILED && r.failReasonSpecified && r.failReason == StartSessionFailReasonCode.UNKNOWN_SERVICE ? null : "answer";
        });
        Cell("server fault", () => {
            for (int i = 0; i < repeat; i++) {
                var problem = Fault(() => mcc.checkSessionState("unavailable"), new[] { "Server", "Receiver" }, "MCC is under maintenance");
                if (problem != null) return "run " + (i + 1) + ": " + problem;
            }
            return null;
        });
        Cell("unknown operation", () => Fault(() => mcc.noSuchOperation("mono-1"), new[] { "Client", "Sender" }, "unknown operation"));
        string huge = new string('x', 2 * 1024 * 1024);
        Cell("over limit", () => {
            for (int i = 0; i < repeat; i++) {
                var problem = Fault(() => mcc.setSessionData("mono-1", huge), new[] { "Client", "Sender" }, "exceeds");
                if (problem != null) return "run " + (i + 1) + ": " + problem;
            }
            return null;
        });
        Console.WriteLine(failures == 0 ? "ALL OK" : failures + " FAILED");
        return failures == 0 ? 0 : 1;
    }
}
