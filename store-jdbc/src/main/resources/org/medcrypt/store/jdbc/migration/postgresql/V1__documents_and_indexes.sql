-- medcrypt store, PostgreSQL. Documents are jsonb; the index tables hold what the hot paths look
-- up, so that no read scans the documents. seq keeps insertion order for listings.
-- The index rows of a document are rewritten with it, in the same transaction (no foreign keys:
-- the store maintains them, and a bulk import does not pay a check per index row).

CREATE TABLE parties (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id  TEXT  NOT NULL UNIQUE,
    rev TEXT  NOT NULL,
    doc JSONB NOT NULL
);

-- fingerprints (last 32 hex digits of the SubjectPublicKeyInfo) of keys a party document names
CREATE TABLE party_key_fingerprints (
    fingerprint TEXT NOT NULL,
    party_id    TEXT NOT NULL,
    PRIMARY KEY (fingerprint, party_id)
);
CREATE INDEX party_key_fingerprints_party ON party_key_fingerprints (party_id);

-- delegates a party document holds pair keys for (hcPartyKeys, aesExchangeKeys, medcryptPairKeys):
-- where a delegate finds the keys wrapped for it
CREATE TABLE party_pair_key_delegates (
    delegate TEXT NOT NULL,
    party_id TEXT NOT NULL,
    PRIMARY KEY (delegate, party_id)
);
CREATE INDEX party_pair_key_delegates_party ON party_pair_key_delegates (party_id);

CREATE TABLE entities (
    seq  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type TEXT  NOT NULL,
    id   TEXT  NOT NULL,
    rev  TEXT  NOT NULL,
    doc  JSONB NOT NULL,
    UNIQUE (type, id)
);

-- children by secret foreign key: "the contacts of this patient"
CREATE TABLE entity_secret_foreign_keys (
    type               TEXT NOT NULL,
    secret_foreign_key TEXT NOT NULL,
    id                 TEXT NOT NULL,
    PRIMARY KEY (type, secret_foreign_key, id)
);
CREATE INDEX entity_secret_foreign_keys_entity ON entity_secret_foreign_keys (type, id);

-- what is shared with a delegate
CREATE TABLE entity_delegates (
    delegate TEXT NOT NULL,
    type     TEXT NOT NULL,
    id       TEXT NOT NULL,
    PRIMARY KEY (delegate, type, id)
);
CREATE INDEX entity_delegates_entity ON entity_delegates (type, id);
