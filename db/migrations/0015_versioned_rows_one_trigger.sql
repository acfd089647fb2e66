-- Results and clinical notes follow one rule: a stored version never changes, and the only update
-- allowed is retiring the current version (is_current true -> false) when the next one is inserted;
-- deleting and truncating are refused. One trigger function serves both tables (it replaces the two
-- copies of migrations 0003 and 0005); each table passes its own wording as trigger arguments:
-- TG_ARGV[0] what the rows are, TG_ARGV[1] what a version is called, TG_ARGV[2] what to do instead.
CREATE OR REPLACE FUNCTION versioned_rows_refuse_change() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'TRUNCATE') THEN
    RAISE EXCEPTION '% are never deleted; % instead', TG_ARGV[0], TG_ARGV[2]
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.is_current AND NOT NEW.is_current
     AND (to_jsonb(NEW) - 'is_current') = (to_jsonb(OLD) - 'is_current') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% are immutable; % instead', TG_ARGV[1], TG_ARGV[2]
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DROP TRIGGER results_immutable ON results;
--> statement-breakpoint
DROP TRIGGER results_no_truncate ON results;
--> statement-breakpoint
CREATE TRIGGER results_immutable
  BEFORE UPDATE OR DELETE ON results
  FOR EACH ROW EXECUTE FUNCTION versioned_rows_refuse_change('results', 'result versions', 'record a correction');
--> statement-breakpoint
CREATE TRIGGER results_no_truncate
  BEFORE TRUNCATE ON results
  FOR EACH STATEMENT EXECUTE FUNCTION versioned_rows_refuse_change('results', 'result versions', 'record a correction');
--> statement-breakpoint
DROP TRIGGER clinical_notes_immutable ON clinical_notes;
--> statement-breakpoint
DROP TRIGGER clinical_notes_no_truncate ON clinical_notes;
--> statement-breakpoint
CREATE TRIGGER clinical_notes_immutable
  BEFORE UPDATE OR DELETE ON clinical_notes
  FOR EACH ROW EXECUTE FUNCTION versioned_rows_refuse_change('clinical notes', 'clinical note versions', 'write an amendment');
--> statement-breakpoint
CREATE TRIGGER clinical_notes_no_truncate
  BEFORE TRUNCATE ON clinical_notes
  FOR EACH STATEMENT EXECUTE FUNCTION versioned_rows_refuse_change('clinical notes', 'clinical note versions', 'write an amendment');
--> statement-breakpoint
DROP FUNCTION results_refuse_change();
--> statement-breakpoint
DROP FUNCTION clinical_notes_refuse_change();
