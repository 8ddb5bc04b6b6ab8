/** The operation a "stale" client knows and the server does not (its types are checkSessionState's). */
export const UNKNOWN_OPERATION = 'noSuchOperation';

/**
 * The served WSDL plus one operation the server does not implement, as a client generated from
 * another version of the service would have it: the element, the two messages, the portType
 * operation and one operation in each binding (SOAP 1.1 and, when served, SOAP 1.2). Works on our
 * own generated WSDL only (plain string edits at known anchors); throws when an anchor is missing.
 */
export function withUnknownOperation(wsdl: string): string {
  const op = UNKNOWN_OPERATION;
  const anchors = {
    element: '<xs:element name="checkSessionState" type="tns:checkSessionState"/>',
    portTypeStart: '<wsdl:portType',
    portTypeEnd: '</wsdl:portType>',
    bindingEnd: '</wsdl:binding>',
  };
  for (const anchor of Object.values(anchors)) {
    if (!wsdl.includes(anchor)) throw new Error(`the served WSDL has no ${anchor}`);
  }
  const elements =
    `<xs:element name="${op}" type="tns:checkSessionState"/>` +
    `<xs:element name="${op}Response" type="tns:checkSessionStateResponse"/>`;
  const messages =
    `<wsdl:message name="${op}"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>` +
    `<wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`;
  const portTypeOperation =
    `<wsdl:operation name="${op}"><wsdl:input name="${op}" message="tns:${op}"/>` +
    `<wsdl:output name="${op}Response" message="tns:${op}Response"/></wsdl:operation>`;
  const bindingOperation = (prefix: string) =>
    `<wsdl:operation name="${op}"><${prefix}:operation soapAction="" style="document"/>` +
    `<wsdl:input name="${op}"><${prefix}:body use="literal"/></wsdl:input>` +
    `<wsdl:output name="${op}Response"><${prefix}:body use="literal"/></wsdl:output></wsdl:operation>`;
  const withTypes = wsdl
    .replace(anchors.element, `${anchors.element}${elements}`)
    .replace(anchors.portTypeStart, `${messages}${anchors.portTypeStart}`)
    .replace(anchors.portTypeEnd, `${portTypeOperation}${anchors.portTypeEnd}`);
  const parts = withTypes.split(anchors.bindingEnd);
  return parts
    .map((part, i) => {
      if (i === parts.length - 1) return part;
      const binding = part.slice(part.lastIndexOf('<wsdl:binding'));
      return part + bindingOperation(binding.includes('<soap12:binding') ? 'soap12' : 'soap');
    })
    .join(anchors.bindingEnd);
}
