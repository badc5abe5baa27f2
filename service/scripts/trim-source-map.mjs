// Keeps in a source map only the mappings into the sources that `keep`
// accepts; everything else becomes unmapped. The bundle's full map is
// mostly its dependencies', and `node --enable-source-maps` decodes all of
// it at start (depd asks for a stack trace as koa loads): over 100 ms of a
// start that otherwise takes a fraction of that. Frames in our own code
// still point at src/*.ts; frames inside a dependency point at the bundle.
import { decode, encode } from '@jridgewell/sourcemap-codec';

/** Returns a copy of source map `map` trimmed to the sources `keep` wants. */
export function trimSourceMap(map, keep) {
  const kept = map.sources.map((source) => keep(source));
  const sources = map.sources.filter((_source, index) => kept[index]);
  const newIndex = indexAfterFilter(kept);
  const names = new NameTable(map.names ?? []);

  const lines = decode(map.mappings).map((segments) =>
    unmapDropped(segments, kept, newIndex).map((segment) =>
      segment.length === 5 ? names.renumber(segment) : segment,
    ),
  );
  return { ...map, sources, names: names.used, mappings: encode(lines) };
}

/** For each old index, its index once the dropped entries are gone. */
function indexAfterFilter(kept) {
  let next = 0;
  return kept.map((isKept) => (isKept ? next++ : -1));
}

/**
 * A segment into a dropped source becomes a one-field segment, which
 * marks its columns as unmapped; without it, the nearest kept mapping to
 * its left would claim them.
 */
function unmapDropped(segments, kept, newIndex) {
  const result = [];
  for (const segment of segments) {
    const dropped = segment.length > 1 && !kept[segment[1]];
    const next = dropped
      ? [segment[0]]
      : segment.length > 1
        ? [segment[0], newIndex[segment[1]], ...segment.slice(2)]
        : segment;
    const previous = result.at(-1);
    if (next.length === 1 && (!previous || previous.length === 1)) continue;
    result.push(next);
  }
  return result;
}

/** The names the kept segments use, each once, in the order first used. */
class NameTable {
  used = [];
  #indexOf = new Map();
  #all;

  constructor(all) {
    this.#all = all;
  }

  /** `segment` with its name index pointing into `used`. */
  renumber(segment) {
    const name = this.#all[segment[4]];
    if (!this.#indexOf.has(name)) {
      this.#indexOf.set(name, this.used.push(name) - 1);
    }
    return [...segment.slice(0, 4), this.#indexOf.get(name)];
  }
}
