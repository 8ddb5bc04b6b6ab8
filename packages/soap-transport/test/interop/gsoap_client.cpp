// Interop check with gSOAP 2.8 (gsoap, libgsoap-dev): the C++ proxy wsdl2h + soapcpp2 generate from
// the served WSDL, with one operation added that the server does not know (wsdl-variants.ts).
// Usage: gsoap_client <endpoint> <repeat>. Prints one line per cell: "name: ok" or "name: FAILED why".
#include "soapMultiChannelConnectorSoapBindingProxy.h"
#include "MultiChannelConnectorSoapBinding.nsmap"
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

static MultiChannelConnectorSoapBindingProxy *mcc;
static int failures = 0;

/** Why the last call failed, as gSOAP saw it. */
static std::string problem() {
  struct soap *soap = mcc->soap;
  const char *text = soap_fault_string(soap);
  return "gSOAP error " + std::to_string(soap->error) + ", HTTP " + std::to_string(soap->status) + ": " + (text ? text : "");
}

/** Runs one cell: `run` answers "" when it holds, else why not. */
static void cell(const char *name, const std::function<std::string()> &run) {
  std::string why = run();
  mcc->destroy();
  if (why.empty()) printf("%s: ok\n", name);
  else {
    failures++;
    for (char &c : why) if (c == '\n') c = ' ';
    printf("%s: FAILED %s\n", name, why.c_str());
  }
  fflush(stdout);
}

static bool endsWith(const std::string &s, const char *suffix) {
  size_t n = strlen(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

/** "" when the last call ended in a SOAP fault of this kind (Client or Server) whose reason holds `reason`. */
static std::string fault(int rc, bool client, const char *reason) {
  struct soap *soap = mcc->soap;
  if (rc != SOAP_FAULT) return "not a SOAP fault: " + problem();
  const char **code = soap_faultcode(soap);
  std::string c = code && *code ? *code : "";
  if (!(client ? endsWith(c, "Client") || endsWith(c, "Sender") : endsWith(c, "Server") || endsWith(c, "Receiver")))
    return "fault code " + c;
  const char *text = soap_fault_string(soap);
  return text && strstr(text, reason) ? "" : "fault reason: " + problem();
}

#define EXPECT(call, cond) ((call) != SOAP_OK ? problem() : (cond) ? std::string() : std::string("unexpected answer"))

int main(int argc, char **argv) {
  if (argc < 3) { fprintf(stderr, "usage: gsoap_client <endpoint> <repeat>\n"); return 2; }
  int repeat = atoi(argv[2]);
  MultiChannelConnectorSoapBindingProxy proxy(argv[1]);
  mcc = &proxy;
  // As gSOAP's guide advises for clients: no SIGPIPE on a closed socket, and bounded I/O waits.
  proxy.soap->socket_flags = MSG_NOSIGNAL;
  proxy.soap->connect_timeout = proxy.soap->send_timeout = proxy.soap->recv_timeout = 10;
  std::string sessionId = "gsoap-1", data = "ciao <b> & \"friends\" \xc3\xa9";

  cell("startSession", [&] {
    std::string contactId = "c-1";
    ns1__startSession in;
    in.channelId = 1;
    in.serviceid = "SUPPORT";
    in.sessionId = &sessionId;
    in.data = &data;
    in.contactId = &contactId;
    ns1__startSessionResponse out;
    return EXPECT(mcc->startSession(&in, out), out.return_->result == ns1__CommandResult__SUCCESS &&
                  *out.return_->sessionId == sessionId && *out.return_->contactId == "c-1" && !out.return_->failReason);
  });
  // The SOAP version gSOAP picked from the served WSDL's bindings (the answer comes in the request's version).
  cell("SOAP 1.1 by default", [&] {
    return mcc->soap->version == 1 ? std::string() : "talks SOAP 1." + std::to_string(mcc->soap->version);
  });
  cell("sessionAccept", [&] {
    std::string user = "alice";
    ns1__sessionAccept in;
    in.sessionId = sessionId;
    in.user = &user;
    ns1__sessionAcceptResponse out;
    return EXPECT(mcc->sessionAccept(&in, out), out.return_->status && *out.return_->status == ns1__SessionStatus__BOOKED);
  });
  cell("checkSessionState", [&] {
    ns1__checkSessionState in;
    in.sessionId = sessionId;
    ns1__checkSessionStateResponse out;
    return EXPECT(mcc->checkSessionState(&in, out), *out.return_->status == ns1__SessionStatus__BOOKED && *out.return_->username == "alice");
  });
  cell("setSessionData", [&] {
    std::string step = "step 2";
    ns1__setSessionData in;
    in.sessionId = sessionId;
    in.sessionData = &step;
    ns1__setSessionDataResponse out;
    return EXPECT(mcc->setSessionData(&in, out), out.return_->result == ns1__CommandResult__SUCCESS && *out.return_->sessionData == step);
  });
  cell("checkSessionStateWithData", [&] {
    ns1__checkSessionStateWithData in;
    in.sessionId = sessionId;
    ns1__checkSessionStateWithDataResponse out;
    return EXPECT(mcc->checkSessionStateWithData(&in, out), out.return_->data && *out.return_->data == data &&
                  out.return_->sessionData && *out.return_->sessionData == "step 2");
  });
  cell("getServiceState", [&] {
    ns1__getServiceState in;
    in.channelId = 1003;
    in.serviceCodes.push_back("SUPPORT");
    in.serviceCodes.push_back("OFF");
    ns1__getServiceStateResponse out;
    int rc = mcc->getServiceState(&in, out);
    if (rc != SOAP_OK) return problem();
    const auto &e = out.return_->state->entry;
    return *out.return_->channelId == 1003 && e.size() == 2 && *e[0].key == "SUPPORT" && *e[0].value == ns1__ServiceState__ACTIVE &&
                   *e[1].key == "OFF" && *e[1].value == ns1__ServiceState__OUT_USCOREOF_USCORESERVICE
               ? std::string()
               : std::string("unexpected answer");
  });
  cell("logoutAgentFromChannel", [&] {
    ns1__logoutAgentFromChannel in;
    in.channelId = 2;
    in.agentUsername = "alice";
    ns1__logoutAgentFromChannelResponse out;
    return EXPECT(mcc->logoutAgentFromChannel(&in, out), out.return_->result == ns1__CommandResult__SUCCESS &&
                  out.return_->agentUsername && *out.return_->agentUsername == "alice");
  });
  cell("closeSession", [&] {
    ns1__closeSession in;
    in.sessionId = sessionId;
    ns1__closeSessionResponse out;
    return EXPECT(mcc->closeSession(&in, out), out.return_->result == ns1__CommandResult__SUCCESS);
  });
  cell("business failure", [&] {
    ns1__startSession in;
    in.channelId = 1;
    in.serviceid = "NOPE";
    ns1__startSessionResponse out;
    return EXPECT(mcc->startSession(&in, out), out.return_->result == ns1__CommandResult__FAILED && out.return_->failReason &&
                  *out.return_->failReason == ns1__StartSessionFailReasonCode__UNKNOWN_USCORESERVICE);
  });
  cell("server fault", [&] {
    for (int i = 1; i <= repeat; i++) {
      ns1__checkSessionState in;
      in.sessionId = "unavailable";
      ns1__checkSessionStateResponse out;
      std::string why = fault(mcc->checkSessionState(&in, out), false, "MCC is under maintenance");
      mcc->destroy();
      if (!why.empty()) return "run " + std::to_string(i) + ": " + why;
    }
    return std::string();
  });
  cell("unknown operation", [&] {
    ns1__checkSessionState in;
    in.sessionId = sessionId;
    ns1__checkSessionStateResponse out;
    return fault(mcc->noSuchOperation(&in, out), true, "unknown operation");
  });
  cell("over limit", [&] {
    std::string huge(2 * 1024 * 1024, 'x');
    for (int i = 1; i <= repeat; i++) {
      ns1__setSessionData in;
      in.sessionId = sessionId;
      in.sessionData = &huge;
      ns1__setSessionDataResponse out;
      std::string why = fault(mcc->setSessionData(&in, out), true, "exceeds");
      mcc->destroy();
      if (!why.empty()) return "run " + std::to_string(i) + ": " + why;
    }
    return std::string();
  });
  printf(failures == 0 ? "ALL OK\n" : "%d FAILED\n", failures);
  return failures == 0 ? 0 : 1;
}
