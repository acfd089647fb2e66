DROP INDEX "care_team_user_idx";--> statement-breakpoint
CREATE INDEX "patients_name_search_trgm_idx" ON "patients" USING gin (("given_name" || ' ' || "family_name" || ' | ' || "family_name" || ', ' || "given_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "patients_mrn_pattern_idx" ON "patients" USING btree ("mrn" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "care_team_user_patient_idx" ON "care_team_members" USING btree ("user_id","patient_id") WHERE "care_team_members"."removed_at" is null;