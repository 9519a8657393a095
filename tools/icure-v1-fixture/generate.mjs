#!/usr/bin/env node
// Independent generator of the "icure-v1" interop fixture for medcrypt.
//
// Every cryptographic step (RSA key generation, RSA-OAEP-SHA-1 wrapping of pair keys, AES-CBC
// encryption of delegations / encryptionKeys / cryptedForeignKeys / encryptedSelf) is done by the
// helpers of iCure's published SDK (@icure/api, see icure-crypto.mjs) on Node's WebCrypto. No
// medcrypt code is involved. The structure (ids, who shares what) is fixed; all keys, UUIDs and IVs
// are random on every run.
//
// usage: node generate.mjs [outDir]
//   outDir defaults to ../../provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1
import fs from 'node:fs'
import path from 'node:path'
import { webcrypto } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { loadIcureCrypto } from './icure-crypto.mjs'
import { canonicalize } from './canonical.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const outDir = path.resolve(
  process.argv[2] || path.join(here, '..', '..', 'provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1')
)
const ic = loadIcureCrypto({ allowFallback: false })
const { AES, RSA, ua2hex, hex2ua, utf8_2ua, crypt } = ic

const CREATED = 1700000000000

// ---------------------------------------------------------------- keys
async function newKeyPair() {
  const kp = await RSA.generateKeyPair() // RSA-OAEP 2048, e=65537, sha-1 (SDK rsaHashedParams)
  const { publicKey, privateKey } = await RSA.exportKeys(kp, 'pkcs8', 'spki')
  const spkiHex = ua2hex(publicKey)
  return { kp, spkiHex, pkcs8Hex: ua2hex(privateKey), fp: spkiHex.slice(-32) }
}

const keys = {
  A: await newKeyPair(),
  B: await newKeyPair(),
  C: await newKeyPair(), // C's current key (party.publicKey)
  C_old: await newKeyPair(), // C's previous key: the only one the A->C pair key is wrapped for
  D: await newKeyPair(),
}

const rsaWrap = async (k, pairKeyHex) => ua2hex(await RSA.encrypt(k.kp.publicKey, hex2ua(pairKeyHex)))

// pair keys {AA}, {AB}, {AC}: 32 random bytes, generated the way the SDK generates them
const pair = {
  AA: await AES.generateCryptoKey(true),
  AB: await AES.generateCryptoKey(true),
  AC: await AES.generateCryptoKey(true),
}
for (const [n, h] of Object.entries(pair)) if (h.length !== 64) throw new Error(`pair key ${n} is not 32 bytes`)

// ---------------------------------------------------------------- parties
const partyA = {
  id: 'A',
  rev: '1-4a1f0c',
  name: 'Dr A',
  specialityCodes: [],
  publicKey: keys.A.spkiHex,
  // legacy form: [for the owner, for the delegate]; A->C deliberately absent (aesExchangeKeys only)
  hcPartyKeys: {
    A: [await rsaWrap(keys.A, pair.AA), await rsaWrap(keys.A, pair.AA)],
    B: [await rsaWrap(keys.A, pair.AB), await rsaWrap(keys.B, pair.AB)],
  },
  aesExchangeKeys: {
    [keys.A.spkiHex]: {
      A: { [keys.A.fp]: await rsaWrap(keys.A, pair.AA) },
      B: { [keys.A.fp]: await rsaWrap(keys.A, pair.AB), [keys.B.fp]: await rsaWrap(keys.B, pair.AB) },
      // wrapped for A and for C's OLD key only (key rotation case)
      C: { [keys.A.fp]: await rsaWrap(keys.A, pair.AC), [keys.C_old.fp]: await rsaWrap(keys.C_old, pair.AC) },
    },
  },
}
const partyB = {
  id: 'B', rev: '1-b2c3d4', name: 'Dr B', specialityCodes: [{ type: 'CD-HCPARTY', code: 'persphysician' }],
  publicKey: keys.B.spkiHex, hcPartyKeys: {}, aesExchangeKeys: {},
}
const partyC = {
  id: 'C', rev: '2-c0ffee', name: 'Dr C', specialityCodes: [],
  publicKey: keys.C.spkiHex, oldPublicKeys: [keys.C_old.spkiHex], hcPartyKeys: {}, aesExchangeKeys: {},
}
const partyD = {
  id: 'D', rev: '1-d00d00', name: 'Dr D (no access)', specialityCodes: [],
  publicKey: keys.D.spkiHex, hcPartyKeys: {}, aesExchangeKeys: {},
}

// ---------------------------------------------------------------- entities
const importedPair = {}
for (const [n, h] of Object.entries(pair)) importedPair[n] = await AES.importKey('raw', hex2ua(h))

// iCure SDK: AES.encrypt(pairKey, string2ua(id + ':' + value)); the plaintexts here are ASCII, so
// utf8_2ua gives identical bytes and matches the spec's "UTF-8(entityId:value)".
async function delegationMap(entityId, value, delegates) {
  const m = {}
  for (const d of delegates) {
    const k = importedPair['A' + d]
    m[d] = [{ owner: 'A', delegatedTo: d, key: ua2hex(await AES.encrypt(k, utf8_2ua(`${entityId}:${value}`))) }]
  }
  return m
}

// encryptedSelf exactly as the SDK's crypt() does it (utils/crypto-utils.js): picks the listed
// fields, stores base64(IV || AES-CBC(contentKey, UTF-8(JSON.stringify(fields)))) and deletes them.
async function encryptSelf(doc, contentKey, fields) {
  const raw = contentKey.length === 36 ? contentKey.replace(/-/g, '') : contentKey
  const key = await AES.importKey('raw', hex2ua(raw))
  await crypt(doc, (obj) => AES.encrypt(key, utf8_2ua(JSON.stringify(obj))), fields)
  for (const f of fields) if (f in doc) throw new Error(`field ${f} left in clear`)
  return doc
}

const uuid = () => webcrypto.randomUUID()

const ALL = ['A', 'B', 'C']
const AB_ONLY = ['A', 'B']

// Patient 1234
const pat = { sfk: uuid(), ek: uuid(), enc: { note: 'Allergic to penicillin' } }
const patient = await encryptSelf(
  {
    id: '1234', rev: '3-9e8d7c', created: CREATED, modified: CREATED,
    tags: [{ type: 'X', code: 'Y' }], firstName: 'John', lastName: 'Keats', active: true,
    delegations: await delegationMap('1234', pat.sfk, ALL),
    encryptionKeys: await delegationMap('1234', pat.ek, ALL),
    cryptedForeignKeys: {},
    secretForeignKeys: [],
    ...pat.enc,
  },
  pat.ek,
  Object.keys(pat.enc)
)

async function childOf(parentId, parentSfk, id, shape, delegates, contentKey, enc, extra) {
  const sfk = uuid()
  const doc = await encryptSelf(
    {
      id, rev: '1-0a0b0c', created: CREATED, tags: [{ type: 'X', code: 'Y' }], ...extra,
      delegations: await delegationMap(id, sfk, delegates),
      encryptionKeys: await delegationMap(id, contentKey, delegates),
      cryptedForeignKeys: await delegationMap(id, parentId, delegates),
      secretForeignKeys: [parentSfk],
      ...enc,
    },
    contentKey,
    Object.keys(enc)
  )
  return { doc, sfk, ek: contentKey, enc, delegates, shape }
}

const ctc = await childOf('1234', pat.sfk, '4567', 'contacts', ALL, uuid(),
  { descr: 'Consultation: seasonal cough (toux saisonnière)' }, { openingDate: 20231114093000, subContacts: [], services: [] })
const frm = await childOf('1234', pat.sfk, 'F-1', 'forms', AB_ONLY, uuid(),
  { descr: 'Referral letter to cardiology' }, { formTemplateId: 'FT-REF-1' })
// content key given as 64 hex digits (AES-256-CBC content key) instead of a UUID
const he = await childOf('1234', pat.sfk, 'HE-1', 'healthElements', ALL, await AES.generateCryptoKey(true),
  { descr: 'Hypertension', note: 'Stage 1; lifestyle measures first, review in 3 months' }, { openingDate: 20230102, status: 0 })

const dataset = {
  healthcareParties: [partyA, partyB, partyC, partyD],
  patients: [patient],
  contacts: [ctc.doc],
  forms: [frm.doc],
  healthElements: [he.doc],
}

// ---------------------------------------------------------------- expected (from generator knowledge, not by decrypting)
function expectedFor(reader) {
  const out = { patients: {}, contacts: {}, forms: {}, healthElements: {} }
  if (['A', 'B', 'C'].includes(reader)) {
    out.patients['1234'] = { secretForeignKeys: [pat.sfk], encryptionKeys: [pat.ek], decrypted: pat.enc }
  }
  for (const c of [ctc, frm, he]) {
    if (c.delegates.includes(reader)) {
      out[c.shape][c.doc.id] = { secretForeignKeys: [c.sfk], parentIds: ['1234'], encryptionKeys: [c.ek], decrypted: c.enc }
    }
  }
  return out
}
const expected = { A: expectedFor('A'), B: expectedFor('B'), C: expectedFor('C'), D: expectedFor('D') }

// ---------------------------------------------------------------- write
fs.mkdirSync(outDir, { recursive: true })
const w = (name, text) => fs.writeFileSync(path.join(outDir, name), text)
w('dataset.json', JSON.stringify(dataset, null, 2) + '\n')
w('expected.json', canonicalize(expected))
w('A.pkcs8.hex', keys.A.pkcs8Hex + '\n')
w('B.pkcs8.hex', keys.B.pkcs8Hex + '\n')
w('C.pkcs8.hex', keys.C.pkcs8Hex + '\n')
w('C-old.pkcs8.hex', keys.C_old.pkcs8Hex + '\n')
w('D.pkcs8.hex', keys.D.pkcs8Hex + '\n')
const b64 = Buffer.from(keys.B.pkcs8Hex, 'hex').toString('base64').match(/.{1,64}/g).join('\n')
w('B.pem', `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`)
console.error(`generated with ${ic.source} on node ${process.version} into ${outDir}`)
