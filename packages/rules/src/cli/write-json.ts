/**
 * True for a value that prints on one line: a primitive, an array of
 * primitives, or an object whose values are those (a status entry, a pupil's
 * attributes). Arrays holding objects always print one element a line.
 */
function isFlat(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) return value.every((x) => typeof x !== 'object' || x === null);
  return depth === 0 && Object.values(value).every((x) => isFlat(x, 1));
}

/**
 * JSON text of plain data in pieces, never as one string: arrays one element a
 * line, objects one key a line, and flat values (a status entry, a pupil's
 * attributes) on one line. A 50,000-pupil file prints without building a
 * string larger than V8 allows.
 */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  if (value === undefined || typeof value === 'function') {
    yield 'null';
    return;
  }
  if (isFlat(value)) {
    yield JSON.stringify(value);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
      yield inner;
      yield* jsonChunks(value[i], inner);
      yield i < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i] as [string, unknown];
    yield `${inner}${JSON.stringify(key)}: `;
    yield* jsonChunks(v, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}

/** Writes a value as JSON through `out` in pieces of about 1 MB, ending with a newline. */
export function writeJson(out: (text: string) => void, value: unknown): void {
  let buffer = '';
  for (const chunk of jsonChunks(value)) {
    buffer += chunk;
    if (buffer.length >= 1 << 20) {
      out(buffer);
      buffer = '';
    }
  }
  out(`${buffer}\n`);
}
