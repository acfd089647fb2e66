-- The activity-copy trigger of 0025 updates every membership of a patient, removed ones included; the
-- partial index on active rows could not serve it, so each clinical write scanned care_team_members.
DROP INDEX "care_team_patient_idx";--> statement-breakpoint
CREATE INDEX "care_team_patient_idx" ON "care_team_members" USING btree ("patient_id");