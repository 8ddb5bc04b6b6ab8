import type { BasicAuth, BearerAuth, ClientOptions, Operations, OperationTable } from '@mcc/core';
import type { Dispatcher } from 'undici';
import type { SoapVersion } from '../envelope/soap-version.js';

/** Credentials the SOAP client sends with every request. */
export type SoapClientAuth =
  | (BasicAuth & {
      /** `basic` (HTTP Basic), `ws-security` (a UsernameToken header) or `both`. Default `basic`. */
      scheme?: 'basic' | 'ws-security' | 'both';
      /** UsernameToken password form. Default `text`. */
      passwordType?: 'text' | 'digest';
    })
  | BearerAuth;

/** Where the SOAP client finds the service: an endpoint, a WSDL, or both. */
export type SoapClientLocation =
  /**
   * Call this endpoint, e.g. `https://tvox.example.com/mc/cxf/soap`. Without `wsdlUrl`, as
   * described by the WSDL this package generates (nothing is fetched).
   */
  | { baseUrl: string | URL; wsdlUrl?: string | URL }
  /**
   * Fetch this WSDL (a real TVox's `https://host/mc/cxf/soap?wsdl`) on first use (or `ready()`),
   * and call its `soap:address` — or `baseUrl` when given (a TVox behind NAT).
   */
  | { wsdlUrl: string | URL; baseUrl?: string | URL };

/** Options of {@link createSoapClient}: core's `ClientOptions` (same names and defaults as REST's), plus where and how. */
export type SoapClientOptions<T extends OperationTable = Operations> = SoapClientLocation &
  ClientOptions<T> & {
    /** Credentials sent with every request. Default none. */
    auth?: SoapClientAuth;
    /**
     * The undici dispatcher to send through (a proxy agent, a `MockAgent` in tests…). Default: a
     * keep-alive `Agent` of the client's own, closed by `close()`. An injected one is never closed.
     */
    dispatcher?: Dispatcher;
    /** Target namespace when no WSDL is fetched. Default `http://mcc.tvox/`. */
    namespace?: string;
    /** SOAP version to speak (the WSDL's port for it is preferred). Default `1.1`. */
    soapVersion?: SoapVersion;
  };
