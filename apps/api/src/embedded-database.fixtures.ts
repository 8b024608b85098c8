import { ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/**
 * Loads TypeScript in a plain Node.js child, as Jest does in-process: each file transpiled on
 * require, and the @safer-cases/* paths of tsconfig.json mapped to their folders.
 */
const typescriptLoader = `
const ts = require(${JSON.stringify(join(root, 'node_modules', 'typescript'))});
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const libs = ${JSON.stringify(join(root, 'libs'))};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@safer-cases\\/([a-z-]+)(.*)$/.exec(request);
  return resolveFilename.call(this, alias ? libs + '/' + alias[1] + '/src' + alias[2] : request, ...rest);
};
const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true, emitDecoratorMetadata: true };
require.extensions['.ts'] = (module, file) => module._compile(ts.transpileModule(readFileSync(file, 'utf8'), { fileName: file, compilerOptions: options }).outputText, file);
require(process.argv[1]);
`;

/** Runs a TypeScript file of this folder as a child process, with `args` after its name in process.argv. */
export const runTypeScript = (file: string, args: string[]): ChildProcess =>
  spawn(process.execPath, ['-e', typescriptLoader, join(__dirname, file), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });

/** The first line the child prints, parsed as JSON; rejects with what it said if it exits first. */
export const firstLineOf = <T>(child: ChildProcess): Promise<T> =>
  new Promise((done, fail) => {
    let printed = '';
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      if (printed.includes('\n')) done(JSON.parse(printed.split('\n')[0]) as T);
    });
    child.once('exit', (code) => fail(new Error(`The child exited (${code}) before it printed a line: ${said}`)));
  });
