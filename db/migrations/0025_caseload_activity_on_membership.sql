-- The caseload's default order (latest activity first) is read from the clinician's own membership rows:
-- each carries a copy of its patient's last_activity_at, so a page is the first rows of one index instead
-- of all ~2,000 of a busy clinician's patients fetched and sorted per view (docs/PERFORMANCE.md).
-- The copy is the database's to keep, never the application's: whatever a row is inserted or updated
-- with, it takes the patient's value, and every change of a patient's activity is copied to all its rows.
ALTER TABLE "care_team_members" ADD COLUMN "patient_last_activity_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
UPDATE "care_team_members" m SET "patient_last_activity_at" = p."last_activity_at" FROM "patients" p WHERE p."id" = m."patient_id";
--> statement-breakpoint
-- A missing patient is left to the foreign key to refuse, with its own message.
CREATE OR REPLACE FUNCTION care_team_members_take_patient_activity() RETURNS trigger AS $$
DECLARE
  activity timestamp with time zone;
BEGIN
  SELECT p.last_activity_at INTO activity FROM patients p WHERE p.id = NEW.patient_id;
  IF FOUND THEN
    NEW.patient_last_activity_at := activity;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER care_team_members_take_patient_activity
  BEFORE INSERT OR UPDATE OF patient_id, patient_last_activity_at ON care_team_members
  FOR EACH ROW EXECUTE FUNCTION care_team_members_take_patient_activity();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION patients_copy_activity_to_care_team() RETURNS trigger AS $$
BEGIN
  UPDATE care_team_members SET patient_last_activity_at = NEW.last_activity_at WHERE patient_id = NEW.id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER patients_copy_activity_to_care_team
  AFTER UPDATE OF last_activity_at ON patients
  FOR EACH ROW WHEN (OLD.last_activity_at IS DISTINCT FROM NEW.last_activity_at)
  EXECUTE FUNCTION patients_copy_activity_to_care_team();
--> statement-breakpoint
CREATE INDEX "care_team_caseload_activity_idx" ON "care_team_members" USING btree ("user_id","patient_last_activity_at" DESC NULLS FIRST,"patient_id") WHERE "care_team_members"."removed_at" is null;
