// Loads the crypto helpers of iCure's published JavaScript SDK (@icure/api 6.x) so that both
// generate.mjs and verify.mjs perform every cryptographic step with iCure's own code:
//   @icure/api/icc-x-api/crypto/AES.js          class AESUtils  (AES-CBC, random 16-byte IV prepended)
//   @icure/api/icc-x-api/crypto/RSA.js          class RSAUtils  (RSA-OAEP 2048, hash sha-1)
//   @icure/api/icc-x-api/utils/binary-utils.js  hex/base64/utf8 helpers
//   @icure/api/icc-x-api/utils/crypto-utils.js  crypt()/decrypt() (encryptedSelf)
// The classes are instantiated with Node's WebCrypto (require('crypto').webcrypto).
//
// Resolution order for the SDK: normal Node resolution from this folder, then NODE_PATH (both via
// createRequire), then $ICURE_API_NODE_MODULES (a node_modules directory, e.g.
// /tmp/icure-v1-fixture/node_modules). node_modules must NOT live inside the medcrypt tree.
//
// If the SDK cannot be found and `allowFallback` is true (verify.mjs only), a minimal plain
// WebCrypto re-implementation of exactly the functions used below is returned instead (same
// algorithms and byte layout as the SDK source quoted in README.md). Set ICURE_FIXTURE_REQUIRE_SDK=1
// to forbid the fallback. generate.mjs never uses the fallback.
import { createRequire } from 'node:module'
import { webcrypto } from 'node:crypto'
import path from 'node:path'

function tryLoad(req) {
  const { AESUtils } = req('@icure/api/icc-x-api/crypto/AES')
  const { RSAUtils } = req('@icure/api/icc-x-api/crypto/RSA')
  const bu = req('@icure/api/icc-x-api/utils/binary-utils')
  const cu = req('@icure/api/icc-x-api/utils/crypto-utils')
  const pkg = req('@icure/api/package.json')
  return {
    source: `@icure/api ${pkg.version}`,
    AES: new AESUtils(webcrypto),
    RSA: new RSAUtils(webcrypto),
    ua2hex: bu.ua2hex,
    hex2ua: bu.hex2ua,
    utf8_2ua: bu.utf8_2ua,
    ua2utf8: bu.ua2utf8,
    // base64 exactly as the SDK does it for encryptedSelf: b2a(ua2string(bytes)) / string2ua(a2b(s))
    ua2b64: (ua) => bu.b2a(bu.ua2string(ua)),
    b64_2ua: (s) => bu.string2ua(bu.a2b(s)),
    crypt: cu.crypt,
  }
}

export function loadIcureCrypto({ allowFallback = false } = {}) {
  const attempts = [createRequire(import.meta.url)]
  if (process.env.ICURE_API_NODE_MODULES) {
    attempts.push(createRequire(path.join(path.resolve(process.env.ICURE_API_NODE_MODULES), '..', 'noop.js')))
  }
  const errors = []
  for (const req of attempts) {
    try {
      return tryLoad(req)
    } catch (e) {
      errors.push(e.message.split('\n')[0])
    }
  }
  if (!allowFallback || process.env.ICURE_FIXTURE_REQUIRE_SDK === '1') {
    throw new Error(
      'Cannot load @icure/api (install it outside the repo: see README.md; then set NODE_PATH or ICURE_API_NODE_MODULES): ' +
        errors.join(' | ')
    )
  }
  return plainWebCryptoFallback()
}

// Byte-for-byte the same operations as @icure/api 6.4.4 AESUtils / RSAUtils / binary-utils.
function plainWebCryptoFallback() {
  const subtle = webcrypto.subtle
  const rsaHashedParams = { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: { name: 'sha-1' } }
  const AES = {
    generateIV: (n) => webcrypto.getRandomValues(new Uint8Array(n)),
    importKey: (format, raw) => subtle.importKey(format, raw, { name: 'AES-CBC' }, true, ['decrypt', 'encrypt']),
    async encrypt(key, plain) {
      const iv = webcrypto.getRandomValues(new Uint8Array(16))
      const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv }, key, plain))
      const out = new Uint8Array(16 + ct.length)
      out.set(iv)
      out.set(ct, 16)
      return out.buffer
    },
    decrypt(key, data) {
      const u = data instanceof ArrayBuffer ? new Uint8Array(data) : data
      return subtle.decrypt({ name: 'AES-CBC', iv: u.subarray(0, 16) }, key, u.subarray(16))
    },
  }
  const RSA = {
    importKey: (format, data, usages) => subtle.importKey(format, data, rsaHashedParams, true, usages),
    importPrivateKey: (format, data) => subtle.importKey(format, data, rsaHashedParams, true, ['decrypt']),
    exportKey: (key, format) => subtle.exportKey(format, key),
    decrypt: (key, data) => subtle.decrypt({ name: 'RSA-OAEP' }, key, data),
    encrypt: (key, data) => subtle.encrypt({ name: 'RSA-OAEP' }, key, data),
  }
  return {
    source: 'plain WebCrypto fallback (@icure/api not found)',
    AES,
    RSA,
    ua2hex: (ua) => Buffer.from(new Uint8Array(ua)).toString('hex'),
    hex2ua: (s) => new Uint8Array(Buffer.from(s, 'hex')),
    utf8_2ua: (s) => new TextEncoder().encode(s),
    ua2utf8: (ua) => new TextDecoder().decode(ua),
    ua2b64: (ua) => Buffer.from(new Uint8Array(ua)).toString('base64'),
    b64_2ua: (s) => new Uint8Array(Buffer.from(s.replace(/_/g, '/').replace(/-/g, '+'), 'base64')),
    crypt: null,
  }
}
