// The tour's flow with gSOAP: the C++ proxy wsdl2h + soapcpp2 generated from the served WSDL
// (its endpoint is the WSDL's soap:address). Usage: ./tour
#include "soapMultiChannelConnectorSoapBindingProxy.h"
#include "MultiChannelConnectorSoapBinding.nsmap"
#include <cstdio>

int main() {
  MultiChannelConnectorSoapBindingProxy mcc;
  mcc.soap->socket_flags = MSG_NOSIGNAL;  // no SIGPIPE when a server closes early
  ns1__startSession start;
  start.channelId = 1003;
  start.serviceid = "SUPPORT";
  ns1__startSessionResponse started;
  if (mcc.startSession(&start, started) != SOAP_OK) { mcc.soap_stream_fault(std::cerr); return 1; }
  if (started.return_->result == ns1__CommandResult__FAILED) return 1;
  ns1__checkSessionState check;
  check.sessionId = *started.return_->sessionId;
  ns1__checkSessionStateResponse checked;
  if (mcc.checkSessionState(&check, checked) != SOAP_OK) { mcc.soap_stream_fault(std::cerr); return 1; }
  printf("%s\n", soap_ns1__SessionStatus2s(mcc.soap, *checked.return_->status));
  ns1__closeSession close;
  close.sessionId = check.sessionId;
  ns1__closeSessionResponse closed;
  return mcc.closeSession(&close, closed) == SOAP_OK ? 0 : 1;
}
