import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The cells every stack runs, in the order its client prints them. */
export const CELLS = [
  'startSession',
  'sessionAccept',
  'checkSessionState',
  'setSessionData',
  'checkSessionStateWithData',
  'getServiceState',
  'logoutAgentFromChannel',
  'closeSession',
  'business failure',
  'server fault',
  'unknown operation',
  'over limit',
] as const;

/** Where a stack's client runs: a fresh temp dir, the server's addresses, the stale WSDL on disk. */
export interface StackContext {
  dir: string;
  wsdlUrl: string;
  endpoint: string;
  /** The served WSDL plus an operation the server does not know (wsdl-variants.ts), as a file. */
  staleWsdlPath: string;
  /** How many times the fault and over-limit cells repeat their call. */
  repeat: number;
}

/** A command line to run. */
export interface Command {
  file: string;
  args: string[];
  cwd?: string;
}

/** One foreign SOAP stack of the matrix. */
export interface Stack {
  name: string;
  /** The Debian packages it comes from (scripts/setup-system.sh installs them). */
  debs: string[];
  /** Cells this stack prints besides {@link CELLS}. */
  extraCells?: string[];
  /** Generates and compiles the client where the stack needs it; answers the command that runs it. */
  prepare(ctx: StackContext): Promise<Command>;
}

const here = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** Runs a command; rejects loudly (with its output) when it cannot start or fails. */
export function run(
  command: Command,
  timeoutMs = 120_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command.file,
      command.args,
      { cwd: command.cwd, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`${command.file} ${command.args.join(' ')}: ${error.message}\n${stderr}`));
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}

async function step(command: Command): Promise<void> {
  const ran = await run(command);
  if (ran.code !== 0) {
    throw new Error(
      `${command.file} ${command.args.join(' ')} exited ${ran.code}:\n${ran.stdout}\n${ran.stderr}`,
    );
  }
}

/** The JAX-WS RI 2.3 runtime and tools as Debian installs them (libjaxws-java and its dependencies). */
const JAXWS_JARS = [
  'jaxws-tools',
  'jaxws-rt',
  'jaxws-api',
  'jaxb-api',
  'jaxb-runtime',
  'jaxb-core',
  'jaxb-impl',
  'jaxb-xjc',
  'jaxb-jxc',
  'javax.activation',
  'saaj-impl',
  'stax-ex',
  'streambuffer',
  'istack-commons-runtime',
  'istack-commons-tools',
  'codemodel',
  'metro-policy',
  'mimepull',
  'gmbal',
  'glassfish-management-api',
  'FastInfoset',
  'jws-api',
  'geronimo-annotation-1.3-spec',
  'rngom',
  'xsom',
  'dtd-parser',
  'relaxngDatatype',
  'txw2',
  'woodstox-core',
  'stax2-api',
].map((jar) => `/usr/share/java/${jar}.jar`);

function jaxwsClasspath(): string {
  const missing = JAXWS_JARS.filter((jar) => !existsSync(jar));
  if (missing.length > 0)
    throw new Error(`JAX-WS jars missing (install libjaxws-java): ${missing.join(', ')}`);
  return JAXWS_JARS.join(':');
}

/** The eight stacks of the matrix (issue 14), each as an integrator would use it. */
export const STACKS: Stack[] = [
  {
    name: 'zeep',
    debs: ['python3-zeep'],
    prepare: async (ctx) => ({
      file: '/usr/bin/python3',
      args: [here('zeep_client.py'), ctx.wsdlUrl, ctx.staleWsdlPath, String(ctx.repeat)],
    }),
  },
  {
    name: 'suds',
    debs: ['python3-suds'],
    prepare: async (ctx) => ({
      file: '/usr/bin/python3',
      args: [here('suds_client.py'), ctx.wsdlUrl, ctx.staleWsdlPath, String(ctx.repeat)],
    }),
  },
  {
    name: 'PHP SoapClient',
    debs: ['php-cli', 'php-soap'],
    prepare: async (ctx) => ({
      file: 'php',
      args: [here('php_client.php'), ctx.wsdlUrl, ctx.staleWsdlPath, String(ctx.repeat)],
    }),
  },
  {
    name: 'SOAP::Lite',
    debs: ['libsoap-lite-perl'],
    prepare: async (ctx) => ({
      file: 'perl',
      args: [here('perl_client.pl'), ctx.wsdlUrl, String(ctx.repeat)],
    }),
  },
  {
    name: 'SOAP::WSDL',
    debs: ['libsoap-wsdl-perl'],
    prepare: async (ctx) => {
      const lib = join(ctx.dir, 'lib');
      await step({ file: 'wsdl2perl', args: ['-b', lib, '-p', 'Mcc', ctx.wsdlUrl], cwd: ctx.dir });
      await step({
        file: 'wsdl2perl',
        args: ['-b', lib, '-p', 'Stale', `file://${ctx.staleWsdlPath}`],
        cwd: ctx.dir,
      });
      return {
        file: 'perl',
        args: [`-I${lib}`, here('soap_wsdl_client.pl'), ctx.endpoint, String(ctx.repeat)],
      };
    },
  },
  {
    name: 'gSOAP',
    debs: ['gsoap', 'libgsoap-dev'],
    extraCells: ['SOAP 1.1 by default'],
    prepare: async (ctx) => {
      // wsdl2h reads the WSDL (here the stale variant: the generated proxy has the extra operation).
      await step({ file: 'wsdl2h', args: ['-o', 'mcc.h', ctx.staleWsdlPath], cwd: ctx.dir });
      await step({
        file: 'soapcpp2',
        args: ['-j', '-C', '-x', '-L', '-I/usr/share/gsoap/import', 'mcc.h'],
        cwd: ctx.dir,
      });
      const proxy = 'soapMultiChannelConnectorSoapBindingProxy.cpp';
      await step({
        file: 'g++',
        args: ['-w', '-I.', '-o', 'gsoap_client', here('gsoap_client.cpp'), 'soapC.cpp', proxy, '-lgsoap++'],
        cwd: ctx.dir,
      });
      return { file: join(ctx.dir, 'gsoap_client'), args: [ctx.endpoint, String(ctx.repeat)] };
    },
  },
  {
    name: 'Mono System.Web.Services',
    debs: ['mono-devel'],
    prepare: async (ctx) => {
      await step({ file: 'wsdl', args: ['-nologo', '-out:MccService.cs', ctx.wsdlUrl], cwd: ctx.dir });
      await step({
        file: 'mcs',
        args: [
          '-nologo',
          '-r:System.Web.Services',
          '-out:MonoClient.exe',
          'MccService.cs',
          here('MonoClient.cs'),
        ],
        cwd: ctx.dir,
      });
      return { file: 'mono', args: [join(ctx.dir, 'MonoClient.exe'), ctx.endpoint, String(ctx.repeat)] };
    },
  },
  {
    name: 'JAX-WS RI',
    debs: ['libjaxws-java'],
    prepare: async (ctx) => {
      const classpath = jaxwsClasspath();
      const src = join(ctx.dir, 'src');
      const classes = join(ctx.dir, 'classes');
      await mkdir(src);
      await mkdir(classes);
      await step({
        file: 'java',
        args: [
          '-cp',
          classpath,
          'com.sun.tools.ws.WsImport',
          '-quiet',
          '-Xnocompile',
          '-s',
          src,
          '-d',
          classes,
          '-p',
          'mcc.jaxws',
          ctx.wsdlUrl,
        ],
        cwd: ctx.dir,
      });
      await writeFile(join(ctx.dir, 'sources.txt'), `${here('JaxwsClient.java')}\n`);
      await step({
        file: 'bash',
        args: [
          '-c',
          `find ${src} -name '*.java' >> sources.txt && javac -nowarn -cp '${classpath}' -d ${classes} @sources.txt`,
        ],
        cwd: ctx.dir,
      });
      return {
        file: 'java',
        args: ['-cp', `${classpath}:${classes}`, 'JaxwsClient', ctx.wsdlUrl, String(ctx.repeat)],
      };
    },
  },
];

/** The cells a client printed: name → "ok" or "FAILED why". */
export function readCells(stdout: string): Map<string, string> {
  const cells = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([^:]+): (ok|FAILED.*)$/.exec(line.trim());
    if (match?.[1] && match[2]) cells.set(match[1], match[2]);
  }
  return cells;
}
