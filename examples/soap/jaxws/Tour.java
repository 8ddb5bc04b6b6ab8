// The tour's flow with the JAX-WS RI: the client wsimport generated from the served WSDL.
// Usage: java -cp "$CP:classes" Tour <wsdl-url>
import java.net.URL;
import mcc.jaxws.*;

public class Tour {
  public static void main(String[] args) throws Exception {
    MultiChannelConnector mcc = new MultiChannelConnectorService(new URL(args[0])).getMultiChannelConnectorPort();
    StartSessionResult started = mcc.startSession(1003, "SUPPORT", null, null, null, null, null);
    if (started.getResult() == CommandResult.FAILED) throw new IllegalStateException(started.getFailReason().value());
    CheckSessionResult checked = mcc.checkSessionState(started.getSessionId());
    System.out.println(checked.getResult() == CommandResult.SUCCESS ? checked.getStatus().value() : checked.getFailReason().value());
    mcc.closeSession(started.getSessionId(), null);
  }
}
