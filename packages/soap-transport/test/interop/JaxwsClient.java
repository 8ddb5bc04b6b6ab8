// Interop check with the JAX-WS RI 2.3 (Debian's libjaxws-java): the client wsimport generates from
// the served WSDL drives the eight operations; a Dispatch sends an operation the server does not know.
// Usage: java JaxwsClient <wsdl-url> <repeat>. Prints one line per check; exits 1 at the first failure.
import java.io.StringReader;
import java.net.URL;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.stream.StreamSource;
import javax.xml.ws.Dispatch;
import javax.xml.ws.Service;
import javax.xml.ws.soap.SOAPFaultException;
import mcc.jaxws.*;

public class JaxwsClient {
  static int failures = 0;

  interface Check { String run() throws Exception; }

  interface Call { void run(); }

  /** Runs one cell of the matrix: prints "name: ok", or "name: FAILED why". */
  static void cell(String name, Check check) {
    String problem;
    try {
      problem = check.run();
    } catch (Exception e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (problem == null) System.out.println(name + ": ok");
    else {
      failures++;
      System.out.println(name + ": FAILED " + problem.replace('\n', ' '));
    }
  }

  /** null when the call raised a SOAP fault with one of these codes and a reason containing `reason`. */
  static String fault(Call call, String reason, String... codes) {
    try {
      call.run();
    } catch (SOAPFaultException e) {
      String code = e.getFault().getFaultCodeAsQName().getLocalPart();
      if (!Arrays.asList(codes).contains(code)) return "fault code " + code;
      String text = e.getFault().getFaultString();
      return text != null && text.contains(reason) ? null : "fault reason " + text;
    }
    return "no SOAP fault";
  }

  static String expect(boolean cond) {
    return cond ? null : "unexpected answer";
  }

  public static void main(String[] args) throws Exception {
    URL wsdl = new URL(args[0]);
    int repeat = Integer.parseInt(args[1]);
    MultiChannelConnectorService service = new MultiChannelConnectorService(wsdl);
    MultiChannelConnector mcc = service.getMultiChannelConnectorPort();
    String data = "ciao <b> & \"friends\" \u00e9";

    cell("startSession", () -> {
      StartSessionResult r = mcc.startSession(1, "SUPPORT", "jaxws-1", data, null, "c-1", null);
      return expect(r.getResult() == CommandResult.SUCCESS && "jaxws-1".equals(r.getSessionId())
          && "c-1".equals(r.getContactId()) && r.getFailReason() == null);
    });
    cell("sessionAccept", () -> expect(mcc.sessionAccept("jaxws-1", "alice").getStatus() == SessionStatus.BOOKED));
    cell("checkSessionState", () -> {
      CheckSessionResult r = mcc.checkSessionState("jaxws-1");
      return expect(r.getStatus() == SessionStatus.BOOKED && "alice".equals(r.getUsername()));
    });
    cell("setSessionData", () -> {
      SetSessionDataResult r = mcc.setSessionData("jaxws-1", "step 2");
      return expect(r.getResult() == CommandResult.SUCCESS && "step 2".equals(r.getSessionData()));
    });
    cell("checkSessionStateWithData", () -> {
      CheckSessionWithDataResult r = mcc.checkSessionStateWithData("jaxws-1");
      return expect(data.equals(r.getData()) && "step 2".equals(r.getSessionData()));
    });
    cell("getServiceState", () -> {
      GetServiceStateResult r = mcc.getServiceState(1003, Arrays.asList("SUPPORT", "OFF"));
      Map<String, ServiceState> map = new HashMap<>();
      for (GetServiceStateResult.State.Entry e : r.getState().getEntry()) map.put(e.getKey(), e.getValue());
      return expect(r.getChannelId() == 1003 && map.size() == 2 && map.get("SUPPORT") == ServiceState.ACTIVE
          && map.get("OFF") == ServiceState.OUT_OF_SERVICE);
    });
    cell("logoutAgentFromChannel", () -> {
      LogoutAgentResult r = mcc.logoutAgentFromChannel(2, "alice");
      return expect(r.getResult() == CommandResult.SUCCESS && "alice".equals(r.getAgentUsername()));
    });
    cell("closeSession", () -> expect(mcc.closeSession("jaxws-1", Reason.REQUEST_FROM_CALLEE).getResult() == CommandResult.SUCCESS));
    cell("business failure", () -> {
      StartSessionResult r = mcc.startSession(1, "NOPE", null, null, null, null, null);
      return expect(r.getResult() == CommandResult.FAILED && r.getFailReason() == StartSessionFailReasonCode.UNKNOWN_SERVICE
          && r.getFailReasonMessage() != null);
    });
    cell("server fault", () -> {
      for (int i = 1; i <= repeat; i++) {
        String problem = fault(() -> mcc.checkSessionState("unavailable"), "MCC is under maintenance", "Server", "Receiver");
        if (problem != null) return "run " + i + ": " + problem;
      }
      return null;
    });
    Dispatch<Source> raw = service.createDispatch(new QName("http://mcc.tvox/", "MultiChannelConnectorPort"), Source.class, Service.Mode.PAYLOAD);
    cell("unknown operation", () -> fault(() -> raw.invoke(new StreamSource(new StringReader(
        "<mcc:noSuchOperation xmlns:mcc=\"http://mcc.tvox/\"><sessionId>jaxws-1</sessionId></mcc:noSuchOperation>"))),
        "unknown operation", "Client", "Sender"));
    String huge = "x".repeat(2 * 1024 * 1024);
    cell("over limit", () -> {
      for (int i = 1; i <= repeat; i++) {
        String problem = fault(() -> mcc.setSessionData("jaxws-1", huge), "exceeds", "Client", "Sender");
        if (problem != null) return "run " + i + ": " + problem;
      }
      return null;
    });
    System.out.println(failures == 0 ? "ALL OK" : failures + " FAILED");
    System.exit(failures == 0 ? 0 : 1);
  }
}
