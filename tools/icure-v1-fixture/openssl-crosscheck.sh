#!/usr/bin/env bash
# Cross-checks the fixture bytes with the openssl CLI alone (no Node crypto, no SDK, no medcrypt).
# Node is used only to pull strings out of the JSON files.
# usage: tools/icure-v1-fixture/openssl-crosscheck.sh [fixtureDir]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
F=${1:-$HERE/../../provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1}
F=$(cd "$F" && pwd)
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
J() { node -e "const d=require('$F/dataset.json'), e=require('$F/expected.json'); process.stdout.write(String($1))"; }
OAEP=(-pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha1 -pkeyopt rsa_mgf1_md:sha1)
aescbc() { # $1=cipher $2=keyhex $3=hex(IV||CT)  -> plaintext
  echo -n "${3:32}" | xxd -r -p | openssl enc -d "$1" -K "$2" -iv "${3:0:32}"; }
short() { if [ ${#1} -gt 100 ]; then echo "${1:0:40}...${1: -40} (${#1} chars)"; else echo "$1"; fi; }
check() { if [ "$2" = "$3" ]; then echo "OK    $1: $(short "$2")"; else echo "FAIL  $1: got '$(short "$2")' expected '$(short "$3")'"; FAILED=1; fi; }
FAILED=0
openssl version

# {AB}: hcPartyKeys.B[1] and aesExchangeKeys[A_spki].B[fp(B)], RSA-OAEP-SHA1 with B's PEM key
J "d.healthcareParties[0].hcPartyKeys.B[1]" | xxd -r -p > "$T/ab1"
J "(()=>{const a=d.healthcareParties[0],b=d.healthcareParties[1];return a.aesExchangeKeys[a.publicKey].B[b.publicKey.slice(-32)]})()" | xxd -r -p > "$T/ab2"
AB=$(openssl pkeyutl -decrypt -inkey "$F/B.pem" "${OAEP[@]}" -in "$T/ab1" | xxd -p -c 64)
AB2=$(openssl pkeyutl -decrypt -inkey "$F/B.pem" "${OAEP[@]}" -in "$T/ab2" | xxd -p -c 64)
echo "      {AB} from hcPartyKeys.B[1] = $AB (${#AB} hex digits)"
check "{AB} from aesExchangeKeys equals hcPartyKeys copy" "$AB2" "$AB"

check "patient 1234 delegations[B]" "$(aescbc -aes-256-cbc "$AB" "$(J 'd.patients[0].delegations.B[0].key')")" "1234:$(J 'e.B.patients["1234"].secretForeignKeys[0]')"
EK=$(aescbc -aes-256-cbc "$AB" "$(J 'd.patients[0].encryptionKeys.B[0].key')")
check "patient 1234 encryptionKeys[B]" "$EK" "1234:$(J 'e.B.patients["1234"].encryptionKeys[0]')"
check "contact 4567 cryptedForeignKeys[B]" "$(aescbc -aes-256-cbc "$AB" "$(J 'd.contacts[0].cryptedForeignKeys.B[0].key')")" "4567:1234"
CK=$(echo "${EK#1234:}" | tr -d -)
J "d.patients[0].encryptedSelf" | base64 -d | xxd -p | tr -d '\n' > "$T/es"
check "patient encryptedSelf (AES-128-CBC, key=$CK)" "$(aescbc -aes-128-cbc "$CK" "$(cat "$T/es")")" "$(J 'JSON.stringify(e.B.patients["1234"].decrypted)')"

# {AC}: wrapped for C's OLD key only
xxd -r -p "$F/C-old.pkcs8.hex" > "$T/cold.der"; xxd -r -p "$F/C.pkcs8.hex" > "$T/cnew.der"
J "(()=>{const a=d.healthcareParties[0],c=d.healthcareParties[2];return a.aesExchangeKeys[a.publicKey].C[c.oldPublicKeys[0].slice(-32)]})()" | xxd -r -p > "$T/ac"
AC=$(openssl pkeyutl -decrypt -keyform DER -inkey "$T/cold.der" "${OAEP[@]}" -in "$T/ac" | xxd -p -c 64)
echo "      {AC} via C's old key = $AC"
if openssl pkeyutl -decrypt -keyform DER -inkey "$T/cnew.der" "${OAEP[@]}" -in "$T/ac" >/dev/null 2>&1; then echo "FAIL  C's new key opened {AC}"; FAILED=1; else echo "OK    C's new key cannot open {AC}"; fi
HEK=$(aescbc -aes-256-cbc "$AC" "$(J 'd.healthElements[0].encryptionKeys.C[0].key')")
check "HE-1 encryptionKeys[C] (64-hex content key)" "$HEK" "HE-1:$(J 'e.C.healthElements["HE-1"].encryptionKeys[0]')"
J "d.healthElements[0].encryptedSelf" | base64 -d | xxd -p | tr -d '\n' > "$T/he"
check "HE-1 encryptedSelf (AES-256-CBC)" "$(aescbc -aes-256-cbc "${HEK#HE-1:}" "$(cat "$T/he")")" "$(J 'JSON.stringify(e.C.healthElements["HE-1"].decrypted)')"

# public keys: SPKI hex in the party documents match the private key files; 2048 bit, e=65537
for P in A B C D; do
  I=$(J "d.healthcareParties.findIndex(p=>p.id==='$P')")
  xxd -r -p "$F/$P.pkcs8.hex" > "$T/k.der"
  check "$P.publicKey == SPKI($P.pkcs8.hex)" "$(openssl pkey -inform DER -in "$T/k.der" -pubout -outform DER | xxd -p | tr -d '\n')" "$(J "d.healthcareParties[$I].publicKey")"
  check "$P key size/exponent" "$(openssl pkey -inform DER -in "$T/k.der" -noout -text | grep -Eo 'Private-Key: \(2048 bit|publicExponent: 65537' | tr '\n' ' ')" "Private-Key: (2048 bit publicExponent: 65537 "
done
check "C.oldPublicKeys[0] == SPKI(C-old.pkcs8.hex)" "$(openssl pkey -inform DER -in "$T/cold.der" -pubout -outform DER | xxd -p | tr -d '\n')" "$(J 'd.healthcareParties[2].oldPublicKeys[0]')"
check "B.pem body (PKCS#8) == B.pkcs8.hex" "$(sed '1d;$d' "$F/B.pem" | base64 -d | xxd -p | tr -d '\n')" "$(tr -d '\n' < "$F/B.pkcs8.hex")"
check "B.pem parses as a PKCS#8 RSA key" "$(openssl asn1parse -in "$F/B.pem" | sed -n 4p | grep -o rsaEncryption)" "rsaEncryption"
exit $FAILED
