#!/usr/bin/env node
// Independent READER for the iCure "v1" wire format (see /work/shared/spec/wire-format.md).
//
// usage: node verify.mjs <dataset.json> <partyId> <privateKeyFile>...
//   privateKeyFile: PKCS#8 DER as hex (one line), a PEM "PRIVATE KEY" (PKCS#8) or
//   "RSA PRIVATE KEY" (PKCS#1) file, or raw DER bytes. Every given key is tried.
//
// Prints to stdout, as canonical JSON (keys sorted, 2-space indent), everything <partyId> can read:
//   {"patients":{"<id>":{"secretForeignKeys":[...],"encryptionKeys":[...],"decrypted":{...}}},
//    "contacts":{"<id>":{"secretForeignKeys":[...],"parentIds":[...],"encryptionKeys":[...],"decrypted":{...}}},
//    "forms":{...same as contacts...}, "healthElements":{...same as contacts...}}
// where, for the entries of the entity addressed to <partyId>:
//   secretForeignKeys = decrypted values of `delegations`        (the entity's own secret, which its
//                                                                  children carry in clear; iCure SDK
//                                                                  calls these "SFKs")
//   parentIds         = decrypted values of `cryptedForeignKeys`
//   encryptionKeys    = decrypted values of `encryptionKeys`      (content keys, as written: UUID or hex)
//   decrypted         = the JSON object inside `encryptedSelf`    ({} when there is none)
// Each of the three arrays is sorted and de-duplicated. `parentIds` is always present for contacts,
// forms and health elements; for patients only when non-empty. An entity appears only when at least
// one entry addressed to <partyId> could be decrypted (with the `entityId:` prefix check).
// Diagnostics go to stderr. Exit code 0 on success, 2 on any error (bad arguments, unreadable
// files/keys, malformed dataset, an encryptedSelf that none of the entity's decrypted content
// keys opens).
//
// All cryptography goes through the helpers of iCure's SDK (@icure/api, see icure-crypto.mjs);
// if the SDK is not installed a plain-WebCrypto fallback with identical byte layout is used and
// reported on stderr (set ICURE_FIXTURE_REQUIRE_SDK=1 to forbid that).
import fs from 'node:fs'
import nodeCrypto from 'node:crypto'
import { loadIcureCrypto } from './icure-crypto.mjs'
import { canonicalize } from './canonical.mjs'

process.noDeprecation = true // the SDK's a2b uses `new Buffer()`; keep stderr clean
const warn = (m) => process.stderr.write(`verify: ${m}\n`)
class Fatal extends Error {}
const fatal = (m) => {
  throw new Fatal(m)
}

const COLLECTIONS = ['patients', 'contacts', 'forms', 'healthElements']
const HEX = /^(?:[0-9a-fA-F]{2})+$/
const utf8Strict = new TextDecoder('utf-8', { fatal: true })

async function main(argv) {
  if (argv.length < 3) fatal('usage: node verify.mjs <dataset.json> <partyId> <privateKeyFile>...')
  const [datasetFile, partyId, ...keyFiles] = argv
  let ic
  try {
    ic = loadIcureCrypto({ allowFallback: true })
  } catch (e) {
    fatal(e.message)
  }
  if (!ic.source.startsWith('@icure/api')) warn(`using ${ic.source}`)
  const { AES, RSA, ua2hex, hex2ua, b64_2ua } = ic

  // ------------------------------------------------------------ private keys
  const privateKeys = []
  for (const f of keyFiles) {
    let der
    try {
      der = readPrivateKeyDer(f)
    } catch (e) {
      fatal(`cannot read private key ${f}: ${e.message}`)
    }
    let key
    try {
      key = await RSA.importPrivateKey('pkcs8', der)
    } catch (e) {
      fatal(`cannot import private key ${f} as PKCS#8 RSA: ${e}`)
    }
    const jwk = await RSA.exportKey(key, 'jwk')
    const pub = await RSA.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e, alg: 'RSA-OAEP', ext: true }, ['encrypt'])
    const fp = ua2hex(await RSA.exportKey(pub, 'spki')).slice(-32)
    privateKeys.push({ file: f, key, fp })
  }

  // ------------------------------------------------------------ dataset
  let dataset
  try {
    dataset = JSON.parse(fs.readFileSync(datasetFile, 'utf8'))
  } catch (e) {
    fatal(`cannot read dataset ${datasetFile}: ${e.message}`)
  }
  if (!dataset || typeof dataset !== 'object' || Array.isArray(dataset)) fatal('dataset is not a JSON object')
  const parties = new Map()
  for (const p of asArray(dataset.healthcareParties, 'healthcareParties')) {
    if (!p || typeof p.id !== 'string') fatal('healthcare party without string id')
    if (parties.has(p.id)) fatal(`duplicate healthcare party ${p.id}`)
    parties.set(p.id, p)
  }

  // ------------------------------------------------------------ pair keys {owner -> partyId}
  const rsaDecrypt = async (hex) => {
    if (typeof hex !== 'string' || !HEX.test(hex)) return null
    const bytes = hex2ua(hex)
    for (const pk of privateKeys) {
      try {
        const raw = new Uint8Array(await RSA.decrypt(pk.key, bytes))
        if (![16, 24, 32].includes(raw.length)) {
          warn(`an RSA-decrypted pair key has ${raw.length} bytes; ignored`)
          continue
        }
        return raw
      } catch {
        /* not for this key */
      }
    }
    return null
  }
  const pairKeyCache = new Map()
  async function pairKeysFrom(ownerId) {
    if (pairKeyCache.has(ownerId)) return pairKeyCache.get(ownerId)
    const found = []
    const seen = new Set()
    const add = async (raw) => {
      const h = ua2hex(raw)
      if (seen.has(h)) return
      seen.add(h)
      found.push(await AES.importKey('raw', raw))
    }
    const owner = parties.get(ownerId)
    if (!owner) warn(`no healthcare party document for delegation owner ${ownerId}`)
    else {
      // 1. aesExchangeKeys[ownerPublicKey][partyId][fingerprint] (entries whose fingerprint matches
      //    one of our keys first; older data may key by full public key, hence slice(-32))
      for (const delegates of Object.values(owner.aesExchangeKeys || {})) {
        const entries = delegates && typeof delegates === 'object' ? delegates[partyId] : null
        if (!entries || typeof entries !== 'object') continue
        const list = Object.entries(entries).map(([k, v]) => ({ fp: String(k).slice(-32).toLowerCase(), hex: v }))
        const ours = new Set(privateKeys.map((k) => k.fp))
        list.sort((x, y) => (ours.has(y.fp) ? 1 : 0) - (ours.has(x.fp) ? 1 : 0))
        for (const { hex } of list) {
          const raw = await rsaDecrypt(hex)
          if (raw) await add(raw)
        }
      }
      // 2. fall back to hcPartyKeys[partyId] = [for owner, for delegate]
      if (found.length === 0) {
        const arr = (owner.hcPartyKeys || {})[partyId]
        if (Array.isArray(arr)) {
          const order = ownerId === partyId ? [0, 1] : [1, 0]
          for (const i of order) {
            const raw = await rsaDecrypt(arr[i])
            if (raw) await add(raw)
          }
        }
      }
      if (found.length === 0) warn(`no pair key ${ownerId}->${partyId} decryptable with the given private key(s)`)
    }
    pairKeyCache.set(ownerId, found)
    return found
  }

  // ------------------------------------------------------------ delegation-like maps
  async function openMap(entity, mapName) {
    const map = entity[mapName]
    if (map === undefined || map === null) return []
    if (typeof map !== 'object' || Array.isArray(map)) fatal(`${entity.id}.${mapName} is not an object`)
    const list = map[partyId]
    if (list === undefined) return []
    if (!Array.isArray(list)) fatal(`${entity.id}.${mapName}[${partyId}] is not an array`)
    const values = []
    for (const d of list) {
      if (!d || typeof d.key !== 'string' || typeof d.owner !== 'string') {
        warn(`${entity.id}.${mapName}[${partyId}]: entry without owner/key ignored`)
        continue
      }
      if (d.delegatedTo !== undefined && d.delegatedTo !== partyId) {
        warn(`${entity.id}.${mapName}[${partyId}]: entry with delegatedTo=${d.delegatedTo} ignored`)
        continue
      }
      if (!HEX.test(d.key) || d.key.length < 64 || (d.key.length / 2) % 16 !== 0) {
        warn(`${entity.id}.${mapName}[${partyId}]: key is not hex(IV || AES-CBC blocks); ignored`)
        continue
      }
      const bytes = hex2ua(d.key)
      let accepted = null
      let prefixMismatch = null
      for (const k of await pairKeysFrom(d.owner)) {
        let text
        try {
          text = utf8Strict.decode(new Uint8Array(await AES.decrypt(k, bytes)))
        } catch {
          continue
        }
        const i = text.indexOf(':')
        if (i < 0 || text.slice(0, i) !== entity.id) {
          prefixMismatch = i < 0 ? '(no colon)' : text.slice(0, i)
          continue
        }
        accepted = text.slice(i + 1)
        break
      }
      if (accepted !== null) values.push(accepted)
      else if (prefixMismatch !== null)
        warn(`${entity.id}.${mapName}[${partyId}] from ${d.owner}: prefix "${prefixMismatch}" != entity id; rejected`)
      else warn(`${entity.id}.${mapName}[${partyId}] from ${d.owner}: cannot decrypt`)
    }
    return values
  }

  const contentKeyBytes = (s) => {
    const undashed = s.length === 36 ? s.replace(/-/g, '') : s
    return (undashed.length === 32 || undashed.length === 64) && /^[0-9a-fA-F]+$/.test(undashed) ? hex2ua(undashed) : null
  }

  // ------------------------------------------------------------ entities
  const out = {}
  for (const coll of COLLECTIONS) {
    out[coll] = {}
    const ids = new Set()
    for (const e of asArray(dataset[coll], coll)) {
      if (!e || typeof e.id !== 'string') fatal(`${coll}: entity without string id`)
      if (ids.has(e.id)) fatal(`${coll}: duplicate id ${e.id}`)
      ids.add(e.id)
      const sfks = await openMap(e, 'delegations')
      const eks = await openMap(e, 'encryptionKeys')
      const parents = await openMap(e, 'cryptedForeignKeys')
      if (sfks.length + eks.length + parents.length === 0) continue

      let decrypted = {}
      if (e.encryptedSelf !== undefined && e.encryptedSelf !== null && e.encryptedSelf !== '' && eks.length > 0) {
        if (typeof e.encryptedSelf !== 'string') fatal(`${coll}/${e.id}: encryptedSelf is not a string`)
        const bytes = b64_2ua(e.encryptedSelf)
        if (bytes.length < 32 || bytes.length % 16 !== 0) fatal(`${coll}/${e.id}: encryptedSelf is not base64(IV || AES-CBC blocks)`)
        let ok = false
        for (const ek of eks) {
          const raw = contentKeyBytes(ek)
          if (!raw) {
            warn(`${coll}/${e.id}: content key "${ek}" is neither a UUID nor 32/64 hex digits`)
            continue
          }
          try {
            const k = await AES.importKey('raw', raw)
            const obj = JSON.parse(utf8Strict.decode(new Uint8Array(await AES.decrypt(k, bytes))))
            if (!obj || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('not a JSON object')
            decrypted = obj
            ok = true
            break
          } catch {
            /* try next content key */
          }
        }
        if (!ok) fatal(`${coll}/${e.id}: encryptedSelf cannot be decrypted with any of its ${eks.length} content key(s)`)
      }
      const norm = (a) => [...new Set(a)].sort()
      const entry = { secretForeignKeys: norm(sfks), encryptionKeys: norm(eks), decrypted }
      if (coll !== 'patients' || parents.length) entry.parentIds = norm(parents)
      out[coll][e.id] = entry
    }
  }
  process.stdout.write(canonicalize(out))
}

function asArray(v, name) {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) fatal(`${name} is not an array`)
  return v
}

function readPrivateKeyDer(file) {
  const buf = fs.readFileSync(file)
  const text = buf.toString('latin1')
  if (text.includes('-----BEGIN')) {
    const m = text.match(/-----BEGIN ([A-Z ]+)-----([\s\S]*?)-----END \1-----/)
    if (!m) throw new Error('malformed PEM')
    if (m[1] === 'PRIVATE KEY') return new Uint8Array(Buffer.from(m[2].replace(/\s+/g, ''), 'base64'))
    if (m[1] === 'RSA PRIVATE KEY')
      return new Uint8Array(nodeCrypto.createPrivateKey({ key: m[0], format: 'pem' }).export({ type: 'pkcs8', format: 'der' }))
    throw new Error(`unsupported PEM type "${m[1]}" (need PRIVATE KEY or RSA PRIVATE KEY)`)
  }
  const compact = text.replace(/\s+/g, '')
  if (compact.length > 0 && HEX.test(compact)) return new Uint8Array(Buffer.from(compact, 'hex'))
  if (buf.length > 0 && buf[0] === 0x30) return new Uint8Array(buf)
  throw new Error('neither hex, PEM nor DER')
}

main(process.argv.slice(2)).then(
  () => {
    process.exitCode = 0
  },
  (e) => {
    process.stderr.write(`verify: ERROR: ${e instanceof Fatal ? e.message : e && e.stack ? e.stack : e}\n`)
    process.exitCode = 2
  }
)
