import { operationNames, operations } from '@mcc/core';
import { CONNECTION_HELP } from './connection.js';
import { kebab } from './operation-options.js';

/** `text` in lines of at most `width` characters, every line after the first indented by `indent`. */
function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && indent + line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** `mcc --help`: the commands, one per operation of the table plus the helpers. */
export const USAGE = `Usage: mcc <command> (--rest <url> | --soap <url>) [options]

A command-line client for any TVox MultiChannel Connector (a TVox, a gateway, the playground).

Operations (parameters: mcc <command> --help):
${operationNames.map((name) => `  ${kebab(name).padEnd(28)}${wrap(operations[name].summary, 30)}`).join('\n')}

Helpers:
  wait                        wait until a session reaches a status (--session-id, --status)
  watch                       print a session's status changes until it closes (--session-id)
  wsdl                        print the WSDL (--soap)
  openapi                     print the OpenAPI document (--rest)

${CONNECTION_HELP}

Exit codes: 0 SUCCESS / reached / closed; 1 FAILED / not reached; 2 usage error;
3 protocol error (network, timeout, HTTP status, SOAP fault, malformed answer).

Example:
  mcc check-session --rest http://127.0.0.1:8080/mc/cxf/rest/json --session-id chat-42
`;
