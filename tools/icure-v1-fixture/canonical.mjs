// Canonical JSON used by verify.mjs output and expected.json: object keys sorted by UTF-16 code
// unit order (like JS Array.prototype.sort / Java String.compareTo) at every level, 2-space
// indentation, trailing newline. A hand-written serializer is used because JS objects always
// enumerate integer-like keys ("9" before "10") first, which JSON.stringify would follow.
// Arrays are NOT reordered here; verify.mjs sorts and de-duplicates the key-material arrays
// itself, while values inside "decrypted" keep their original order.
function ser(v, indent) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  const inner = indent + '  '
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]'
    return '[\n' + v.map((x) => inner + ser(x, inner)).join(',\n') + '\n' + indent + ']'
  }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort()
  if (keys.length === 0) return '{}'
  return '{\n' + keys.map((k) => inner + JSON.stringify(k) + ': ' + ser(v[k], inner)).join(',\n') + '\n' + indent + '}'
}
export const canonicalize = (v) => ser(v, '') + '\n'
