CREATE TYPE "public"."emergency_reason_category" AS ENUM('urgent_care', 'covering_colleague', 'unscheduled_visit', 'consult_request', 'other');--> statement-breakpoint
CREATE TABLE "emergency_access_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinician_user_id" uuid NOT NULL,
	"reason_category" "emergency_reason_category" NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "emergency_access_reason_length" CHECK (char_length(btrim("emergency_access_grants"."reason")) between 20 and 2000),
	CONSTRAINT "emergency_access_window" CHECK ("emergency_access_grants"."expires_at" > "emergency_access_grants"."granted_at" and "emergency_access_grants"."expires_at" <= "emergency_access_grants"."granted_at" + interval '24 hours')
);
--> statement-breakpoint
ALTER TABLE "emergency_access_grants" ADD CONSTRAINT "emergency_access_grants_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access_grants" ADD CONSTRAINT "emergency_access_grants_clinician_user_id_users_id_fk" FOREIGN KEY ("clinician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "emergency_access_clinician_patient_idx" ON "emergency_access_grants" USING btree ("clinician_user_id","patient_id","expires_at");--> statement-breakpoint
CREATE INDEX "emergency_access_patient_time_idx" ON "emergency_access_grants" USING btree ("patient_id","granted_at");--> statement-breakpoint
CREATE INDEX "audit_time_id_idx" ON "audit_events" USING btree ("occurred_at","id");