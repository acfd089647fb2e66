-- The holder of an emergency grant may end it early (done before it expires). That is the only change
-- a grant ever accepts: ended_at set once, from null, with every other column unchanged. DELETE and
-- TRUNCATE stay refused (the TRUNCATE trigger from 0009 keeps using this function).
CREATE OR REPLACE FUNCTION emergency_access_grants_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL
     AND (to_jsonb(NEW) - 'ended_at') = (to_jsonb(OLD) - 'ended_at') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'emergency_access_grants is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
