// Keeps in a source map only the mappings into the sources that `keep`
// accepts; everything else becomes unmapped. The bundle's full map is
// mostly its dependencies', and `node --enable-source-maps` decodes all of
// it at start (depd asks for a stack trace as koa loads): over 100 ms of a
// start that otherwise takes a fraction of that. Frames in our own code
// still point at src/*.ts; frames inside a dependency point at the bundle.

const base64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Returns a copy of source map `map` trimmed to the sources `keep` wants. */
export function trimSourceMap(map, keep) {
  const kept = map.sources.map((source) => keep(source));
  const sources = map.sources.filter((_source, index) => kept[index]);
  const newIndex = indexAfterFilter(kept);

  const lines = decodeMappings(map.mappings).map((segments) =>
    unmapDropped(segments, kept, newIndex),
  );
  const { names, mappings } = encodeMappings(lines, map.names ?? []);
  return { ...map, sources, names, mappings };
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

/** The mappings as lines of segments with absolute values. */
function decodeMappings(mappings) {
  const state = [0, 0, 0, 0];
  return mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter((segment) => segment !== '')
      .map((segment) => {
        const fields = decodeVlq(segment);
        column += fields[0];
        const absolute = [column];
        for (let field = 1; field < fields.length; field += 1) {
          state[field - 1] += fields[field];
          absolute.push(state[field - 1]);
        }
        return absolute;
      });
  });
}

/** Encodes lines of absolute segments, keeping only the names used. */
function encodeMappings(lines, allNames) {
  const names = [];
  const nameIndex = new Map();
  const state = [0, 0, 0, 0];

  const encoded = lines.map((segments) => {
    let column = 0;
    return segments
      .map((segment) => {
        const fields = [segment[0] - column];
        column = segment[0];
        for (let field = 1; field < segment.length; field += 1) {
          let value = segment[field];
          if (field === 4) value = indexOfName(allNames[value]);
          fields.push(value - state[field - 1]);
          state[field - 1] = value;
        }
        return fields.map(encodeVlq).join('');
      })
      .join(',');
  });
  return { names, mappings: encoded.join(';') };

  function indexOfName(name) {
    if (!nameIndex.has(name)) nameIndex.set(name, names.push(name) - 1);
    return nameIndex.get(name);
  }
}

function decodeVlq(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const character of text) {
    const digit = base64.indexOf(character);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

function encodeVlq(number) {
  let value = number < 0 ? -number * 2 + 1 : number * 2;
  let text = '';
  do {
    let digit = value % 32;
    value = Math.floor(value / 32);
    if (value > 0) digit |= 32;
    text += base64[digit];
  } while (value > 0);
  return text;
}
