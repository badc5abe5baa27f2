'use strict';
// A ts-node transpiler for the dev server (tsconfig.json, "ts-node" >
// "transpiler"). ts-node still loads, resolves and runs every file; this
// only turns one file's TypeScript into JavaScript. Two things make a
// restart faster than with ts-node's default, TypeScript's transpileModule:
// - a disk cache of each file's last output, so that a restart compiles
//   only the files saved since the one before;
// - esbuild for those few: a call costs a few milliseconds in a fresh
//   process, where TypeScript's first call costs some 50 ms of warm-up.
// Like transpileModule, it sees one file at a time (`isolatedModules`), and
// it always interoperates with CommonJS as `esModuleInterop` does.

const fs = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

const esbuildVersion = require('esbuild/package.json').version;
const cacheDirectory = path.join(tmpdir(), 'ts-node-esbuild-cache');

/** ts-node's entry point: called at start with the parsed tsconfig. */
exports.create = function create({ service, nodeModuleEmitKind }) {
  const options = esbuildOptionsFor(service.config.options, nodeModuleEmitKind);
  // What else the output depends on besides the source text.
  const settings = JSON.stringify({ esbuildVersion, options });

  return {
    transpile(input, { fileName }) {
      const entry = path.join(cacheDirectory, encodeURIComponent(fileName));
      const cached = readEntry(entry);
      if (cached?.settings === settings && cached.input === input) {
        return cached.result;
      }
      const result = transform(input, fileName);
      writeEntry(entry, { settings, input, result });
      return result;
    },
  };

  function transform(input, fileName) {
    const { code, map } = loadEsbuild().transformSync(input, {
      ...options,
      loader: fileName.endsWith('.tsx') ? 'tsx' : 'ts',
      sourcefile: fileName,
    });
    return { outputText: code, sourceMapText: map };
  }
};

/**
 * By default esbuild's sync API starts a worker thread and a service
 * process (some 60 ms) to serve many calls fast; a restart makes one or
 * two, which a one-shot esbuild process serves in about 10 ms each. esbuild
 * reads the switch when it loads, so whoever loads it ahead of a cache miss
 * (a warm server, dev/warm-server.js) loads it through here.
 */
function loadEsbuild() {
  const setting = process.env.ESBUILD_WORKER_THREADS;
  process.env.ESBUILD_WORKER_THREADS = '0';
  try {
    return require('esbuild');
  } finally {
    if (setting === undefined) delete process.env.ESBUILD_WORKER_THREADS;
    else process.env.ESBUILD_WORKER_THREADS = setting;
  }
}
exports.loadEsbuild = loadEsbuild;

/**
 * The esbuild settings that match TypeScript's compiler options. ts-node
 * asks for one transpiler per module kind it may need (`.cts`, `.mts`);
 * this service's `.ts` files are CommonJS.
 */
function esbuildOptionsFor(compilerOptions, nodeModuleEmitKind) {
  const { ModuleKind, ScriptTarget } = require('typescript'); // ts-node's
  const module = compilerOptions.module ?? ModuleKind.CommonJS;
  const isCommonJs =
    module === ModuleKind.CommonJS || nodeModuleEmitKind === 'nodecjs';
  const target = compilerOptions.target ?? ScriptTarget.ES5;
  return {
    format: isCommonJs ? 'cjs' : 'esm',
    // ScriptTarget's name for 99 is its alias Latest; esbuild knows esnext.
    target:
      target === ScriptTarget.ESNext
        ? 'esnext'
        : ScriptTarget[target].toLowerCase(),
    sourcemap: 'external',
    tsconfigRaw: {
      compilerOptions: {
        alwaysStrict: compilerOptions.alwaysStrict ?? compilerOptions.strict,
        experimentalDecorators: compilerOptions.experimentalDecorators,
        useDefineForClassFields:
          compilerOptions.useDefineForClassFields ??
          target >= ScriptTarget.ES2022,
        verbatimModuleSyntax: compilerOptions.verbatimModuleSyntax,
      },
    },
  };
}

function readEntry(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not cached yet, or unreadable: compile again
  }
}

/**
 * Writes through a temporary name, so that a reader never sees half. The
 * cache only saves time: a write that fails (another user's directory, a
 * full disk) costs the next start a compile, nothing more.
 */
function writeEntry(file, entry) {
  const temporary = `${file}.${process.pid}`;
  try {
    fs.mkdirSync(cacheDirectory, { recursive: true });
    fs.writeFileSync(temporary, JSON.stringify(entry));
    fs.renameSync(temporary, file);
  } catch {
    fs.rmSync(temporary, { force: true });
  }
}
