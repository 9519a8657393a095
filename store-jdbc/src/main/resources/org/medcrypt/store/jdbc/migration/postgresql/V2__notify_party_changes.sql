-- Every committed change of a party row is announced on the channel medcrypt_parties (payload: the
-- id, or * for an id too long for a notification), so that each store's cache of party documents
-- drops it (PartyCache, PartyChangeListener). NOTIFY is transactional: sent at commit, never for a
-- rolled-back change.
CREATE FUNCTION medcrypt_notify_party_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    changed TEXT := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
BEGIN
    PERFORM pg_notify('medcrypt_parties', CASE WHEN octet_length(changed) <= 1000 THEN changed ELSE '*' END);
    RETURN NULL;
END;
$$;

CREATE TRIGGER parties_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON parties
    FOR EACH ROW EXECUTE FUNCTION medcrypt_notify_party_change();
