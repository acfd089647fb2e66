-- A break-the-glass grant is evidence of why someone off the care team read a record. Once written it
-- never changes: it ends by itself (expires_at is compared with now() on every access check), so the
-- database refuses UPDATE, DELETE and TRUNCATE outright.
CREATE OR REPLACE FUNCTION emergency_access_grants_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'emergency_access_grants is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER emergency_access_grants_no_update_delete
  BEFORE UPDATE OR DELETE ON emergency_access_grants
  FOR EACH ROW EXECUTE FUNCTION emergency_access_grants_refuse_change();
--> statement-breakpoint
CREATE TRIGGER emergency_access_grants_no_truncate
  BEFORE TRUNCATE ON emergency_access_grants
  FOR EACH STATEMENT EXECUTE FUNCTION emergency_access_grants_refuse_change();
