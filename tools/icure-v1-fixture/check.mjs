#!/usr/bin/env node
// Self-check of the fixture: runs verify.mjs for every reader and compares its stdout byte-for-byte
// with the matching entry of expected.json (re-serialized canonically). Also checks B.pem, and that
// C with only its NEW key reads nothing (the A->C pair key was wrapped for C's old key only).
// usage: node check.mjs [fixtureDir]
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { canonicalize } from './canonical.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const dir = path.resolve(process.argv[2] || path.join(here, '..', '..', 'provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1'))
const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'))
const empty = { patients: {}, contacts: {}, forms: {}, healthElements: {} }
const runs = [
  ['A', ['A.pkcs8.hex'], expected.A],
  ['B', ['B.pkcs8.hex'], expected.B],
  ['B', ['B.pem'], expected.B],
  ['C', ['C.pkcs8.hex', 'C-old.pkcs8.hex'], expected.C],
  ['C', ['C-old.pkcs8.hex', 'C.pkcs8.hex'], expected.C],
  ['C', ['C.pkcs8.hex'], empty],
  ['D', ['D.pkcs8.hex'], expected.D],
  ['B', ['D.pkcs8.hex'], empty], // D's key does not open what was shared with B
]
let failed = 0
for (const [party, keys, exp] of runs) {
  const args = [path.join(here, 'verify.mjs'), path.join(dir, 'dataset.json'), party, ...keys.map((k) => path.join(dir, k))]
  let out
  try {
    out = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch (e) {
    out = `<exit ${e.status}>`
  }
  const ok = out === canonicalize(exp)
  if (!ok) failed++
  console.log(`${ok ? 'OK  ' : 'FAIL'} verify ${party} ${keys.join(' ')}`)
}
process.exitCode = failed ? 1 : 0
