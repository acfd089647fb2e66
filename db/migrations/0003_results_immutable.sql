-- A stored result version never changes: a correction is a new version. The only update allowed is
-- retiring the current version (is_current true -> false) when its correction is inserted; deleting
-- and truncating are refused outright.
CREATE OR REPLACE FUNCTION results_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'results are never deleted; record a correction instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.is_current AND NOT NEW.is_current
     AND (to_jsonb(NEW) - 'is_current') = (to_jsonb(OLD) - 'is_current') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'result versions are immutable; record a correction instead'
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER results_immutable
  BEFORE UPDATE OR DELETE ON results
  FOR EACH ROW EXECUTE FUNCTION results_refuse_change();
--> statement-breakpoint
CREATE TRIGGER results_no_truncate
  BEFORE TRUNCATE ON results
  FOR EACH STATEMENT EXECUTE FUNCTION results_refuse_change();
