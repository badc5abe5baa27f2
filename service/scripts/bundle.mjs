// Bundles src/server.ts and every production dependency it imports into
// dist/server.js, with a source map, so that the prod image needs no
// node_modules at all. Run after the type check: `npm run build`.
//
// The bundled packages' licenses go to dist/third-party-licenses.txt, since
// their LICENSE files no longer travel with their code.
//
// The build fails, with a sentence saying why, when the bundle would not run
// on its own: an import left unresolved, a dev dependency pulled into the
// server, a production dependency the bundle never reaches (something would
// have to load it by name at run time), or any warning from esbuild.
import { build } from 'esbuild';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { trimSourceMap } from './trim-source-map.mjs';

/** Packages deliberately kept out of the bundle, with the reason. */
const keptOut = {
  'pino-pretty':
    'a dev dependency, required only when NODE_ENV=development (src/logger.ts)',
  'supports-color':
    "debug's optional terminal colours, required inside a try; a container " +
    'log is no terminal',
};

/**
 * Bundled JSON (mime-db's two copies, some 400 KiB) as a JSON.parse() of a
 * string: V8 parses that far faster at start than the same data written as
 * an object literal, esbuild's default.
 */
const jsonThroughJsonParse = {
  name: 'json-through-json-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, ({ path }) => {
      const text = JSON.stringify(readJson(path));
      return {
        contents: `module.exports = JSON.parse(${JSON.stringify(text)});`,
        loader: 'js',
      };
    });
  },
};

const packageJson = readJson('package.json');
const lockfile = readJson('package-lock.json');

const result = await build({
  entryPoints: ['src/server.ts'],
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  target: `node${process.versions.node.split('.')[0]}`,
  format: 'cjs',
  external: Object.keys(keptOut),
  // Whitespace and syntax only: minified identifiers would reach the log
  // as error types (pino's `err.type` is the constructor's name), and
  // esbuild's keepNames, which restores them, costs a defineProperty call
  // for every closure created, several per request.
  minifyWhitespace: true,
  minifySyntax: true,
  // Stack traces map back to src/*.ts through `node --enable-source-maps`.
  // The sources themselves stay out of the map, and so out of the image;
  // the dependencies' mappings are trimmed away below.
  sourcemap: 'linked',
  sourcesContent: false,
  plugins: [jsonThroughJsonParse],
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
});

const problems = [
  ...result.warnings.map((warning) => `esbuild warned: ${warning.text}`),
  ...findUnbundledImports(result.metafile),
  ...findBundledDevDependencies(result.metafile),
  ...findUnreachedDependencies(result.metafile),
];
if (problems.length > 0) {
  console.error(`bundle: FAILED\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
keepOnlyOwnSourcesInMap('dist/server.js.map');
writeLicenses(
  bundledPackages(result.metafile),
  'dist/third-party-licenses.txt',
);
reportSize(result.metafile);

/** See trim-source-map.mjs for why the dependencies' mappings go. */
function keepOnlyOwnSourcesInMap(path) {
  const map = readJson(path);
  const trimmed = trimSourceMap(map, (source) => source.startsWith('../src/'));
  writeFileSync(path, JSON.stringify(trimmed));
}

/** Imports left for run time that are neither Node built-ins nor kept out. */
function findUnbundledImports(metafile) {
  const builtins = new Set(builtinModules);
  const unbundled = new Set(
    bundleOutput(metafile)
      .imports.filter((entry) => entry.external)
      .map((entry) => entry.path.replace(/^node:/, ''))
      .filter((path) => !builtins.has(path) && !(path in keptOut)),
  );
  return [...unbundled].map(
    (path) =>
      `${path} is imported but was not bundled, and the image has no ` +
      'node_modules to load it from',
  );
}

/** Dev dependencies (as package-lock.json marks them) inside the bundle. */
function findBundledDevDependencies(metafile) {
  return [...bundledPackages(metafile).keys()]
    .filter((key) => lockfile.packages[key]?.dev)
    .map(
      (key) =>
        `${key} is a dev dependency but the server imports it: make it a ` +
        'dependency, or keep it out of the import graph of src/server.ts',
    );
}

/** Direct production dependencies that no bundled import reaches. */
function findUnreachedDependencies(metafile) {
  const bundled = bundledPackages(metafile);
  return Object.keys(packageJson.dependencies ?? {})
    .filter((name) => !bundled.has(`node_modules/${name}`))
    .map(
      (name) =>
        `${name} is a production dependency that the bundle never reaches: ` +
        'a package loaded by name at run time cannot be bundled',
    );
}

/**
 * Every bundled package, from its package-lock.json key (node_modules/...,
 * nested ones included) to its directory.
 */
function bundledPackages(metafile) {
  const packageDirectory = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//;
  const packages = new Map();
  for (const input of Object.keys(bundleOutput(metafile).inputs)) {
    const directory = packageDirectory.exec(input)?.[1];
    if (!directory) continue;
    packages.set(
      directory.slice(directory.indexOf('node_modules/')),
      directory,
    );
  }
  return packages;
}

/** One section per bundled package and version: its license text. */
function writeLicenses(packages, path) {
  const sections = new Map();
  for (const directory of packages.values()) {
    const { name, version, license } = readJson(`${directory}/package.json`);
    const file = readdirSync(directory).find((entry) =>
      /^(licen[cs]e|copying)(\.|$)/i.test(entry),
    );
    const text = file
      ? readFileSync(`${directory}/${file}`, 'utf8').trim()
      : `No license file; its package.json says: ${JSON.stringify(license)}`;
    sections.set(`${name} ${version}`, `${name} ${version}\n\n${text}\n`);
  }

  const header =
    `${packageJson.name} bundles the code of these packages into ` +
    'dist/server.js, under these licenses.\n\n';
  const body = [...sections]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, section]) => section)
    .join(`\n${'-'.repeat(72)}\n\n`);
  writeFileSync(path, header + body);
}

function bundleOutput(metafile) {
  return metafile.outputs['dist/server.js'];
}

function reportSize(metafile) {
  const kibibytes = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const fileSize = (path) => kibibytes(readFileSync(path).length);
  const bytesByPackage = new Map();
  for (const [input, { bytesInOutput }] of Object.entries(
    bundleOutput(metafile).inputs,
  )) {
    const name = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
    const key = name ?? 'src/';
    bytesByPackage.set(key, (bytesByPackage.get(key) ?? 0) + bytesInOutput);
  }
  const largest = [...bytesByPackage]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 6)
    .map(([name, bytes]) => `${name} ${kibibytes(bytes)}`);

  console.log(
    `bundle: dist/server.js ${fileSize('dist/server.js')} with ` +
      `${bytesByPackage.size - 1} packages, its map ` +
      `${fileSize('dist/server.js.map')}\n` +
      `bundle: largest: ${largest.join(', ')}`,
  );
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
