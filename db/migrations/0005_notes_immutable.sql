-- Notes, their links and the plan's change history are never deleted or rewritten. The only update
-- allowed on a note is retiring its current version (is_current true -> false) when the next version
-- is inserted. Tasks are not clinical record and may be marked done.
CREATE OR REPLACE FUNCTION clinical_notes_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION 'clinical notes are never deleted; write an amendment instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.is_current AND NOT NEW.is_current
     AND (to_jsonb(NEW) - 'is_current') = (to_jsonb(OLD) - 'is_current') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'clinical note versions are immutable; write an amendment instead'
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER clinical_notes_immutable
  BEFORE UPDATE OR DELETE ON clinical_notes
  FOR EACH ROW EXECUTE FUNCTION clinical_notes_refuse_change();
--> statement-breakpoint
CREATE TRIGGER clinical_notes_no_truncate
  BEFORE TRUNCATE ON clinical_notes
  FOR EACH STATEMENT EXECUTE FUNCTION clinical_notes_refuse_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION append_only_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER note_links_append_only
  BEFORE UPDATE OR DELETE ON note_links
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER care_plan_changes_append_only
  BEFORE UPDATE OR DELETE ON care_plan_changes
  FOR EACH ROW EXECUTE FUNCTION append_only_refuse_change();
--> statement-breakpoint
CREATE TRIGGER care_plan_changes_no_truncate
  BEFORE TRUNCATE ON care_plan_changes
  FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse_change();
