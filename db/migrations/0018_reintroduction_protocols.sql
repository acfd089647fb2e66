CREATE TABLE "challenge_reactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"protocol_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_time" text,
	"symptom" text NOT NULL,
	"severity" text NOT NULL,
	"gut_only" boolean DEFAULT false NOT NULL,
	"notes" text,
	"reported_by" uuid NOT NULL,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "challenge_reactions_severity" CHECK ("challenge_reactions"."severity" in ('mild', 'moderate', 'severe')),
	CONSTRAINT "challenge_reactions_time" CHECK ("challenge_reactions"."occurred_time" is null or "challenge_reactions"."occurred_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
	CONSTRAINT "challenge_reactions_symptom" CHECK (length(trim("challenge_reactions"."symptom")) between 1 and 200)
);
--> statement-breakpoint
CREATE TABLE "elimination_protocols" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"foods" jsonb NOT NULL,
	"reason_kind" text NOT NULL,
	"reason_result_id" uuid,
	"reason_text" text,
	"start_date" date NOT NULL,
	"elimination_weeks" integer NOT NULL,
	"challenges" jsonb NOT NULL,
	"risk_factors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"supervised_only" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"elimination_ends_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"supervisor_id" uuid NOT NULL,
	"owner_specialty" "specialty" NOT NULL,
	"status" text NOT NULL,
	"status_reason" text,
	"verdicts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"acknowledged_cautions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "elimination_protocols_status" CHECK ("elimination_protocols"."status" in ('proposed', 'active', 'finished', 'stopped')),
	CONSTRAINT "elimination_protocols_reason_kind" CHECK ("elimination_protocols"."reason_kind" in ('food_panel', 'diary_pattern', 'clinical_suspicion')),
	CONSTRAINT "elimination_protocols_weeks" CHECK ("elimination_protocols"."elimination_weeks" between 1 and 12),
	CONSTRAINT "elimination_protocols_dates" CHECK ("elimination_protocols"."elimination_ends_on" >= "elimination_protocols"."start_date" and "elimination_protocols"."ends_on" >= "elimination_protocols"."elimination_ends_on"),
	CONSTRAINT "elimination_protocols_version_positive" CHECK ("elimination_protocols"."version" >= 1),
	CONSTRAINT "elimination_protocols_stop_has_reason" CHECK ("elimination_protocols"."status" <> 'stopped' or length(trim(coalesce("elimination_protocols"."status_reason", ''))) > 0),
	CONSTRAINT "elimination_protocols_foods_array" CHECK (jsonb_typeof("elimination_protocols"."foods") = 'array' and jsonb_array_length("elimination_protocols"."foods") between 1 and 20),
	CONSTRAINT "elimination_protocols_challenges_array" CHECK (jsonb_typeof("elimination_protocols"."challenges") = 'array' and jsonb_array_length("elimination_protocols"."challenges") <= 20)
);
--> statement-breakpoint
ALTER TABLE "care_plan_changes" DROP CONSTRAINT "care_plan_changes_entity_type";--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD COLUMN "protocol_id" uuid;--> statement-breakpoint
ALTER TABLE "challenge_reactions" ADD CONSTRAINT "challenge_reactions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_reactions" ADD CONSTRAINT "challenge_reactions_protocol_id_elimination_protocols_id_fk" FOREIGN KEY ("protocol_id") REFERENCES "public"."elimination_protocols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "challenge_reactions" ADD CONSTRAINT "challenge_reactions_reported_by_users_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elimination_protocols" ADD CONSTRAINT "elimination_protocols_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elimination_protocols" ADD CONSTRAINT "elimination_protocols_reason_result_id_results_id_fk" FOREIGN KEY ("reason_result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elimination_protocols" ADD CONSTRAINT "elimination_protocols_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elimination_protocols" ADD CONSTRAINT "elimination_protocols_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "elimination_protocols" ADD CONSTRAINT "elimination_protocols_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "challenge_reactions_protocol_idx" ON "challenge_reactions" USING btree ("protocol_id","occurred_on");--> statement-breakpoint
CREATE INDEX "elimination_protocols_patient_idx" ON "elimination_protocols" USING btree ("patient_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "elimination_protocols_one_running" ON "elimination_protocols" USING btree ("patient_id") WHERE "elimination_protocols"."status" in ('proposed', 'active');--> statement-breakpoint
CREATE INDEX "elimination_protocols_overrun_idx" ON "elimination_protocols" USING btree ("patient_id","ends_on") WHERE "elimination_protocols"."status" = 'active';--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_protocol_id_elimination_protocols_id_fk" FOREIGN KEY ("protocol_id") REFERENCES "public"."elimination_protocols"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_changes" ADD CONSTRAINT "care_plan_changes_entity_type" CHECK ("care_plan_changes"."entity_type" in ('goal', 'intervention', 'protocol'));--> statement-breakpoint
-- "I reacted" reports are the patient's own record of what happened: never changed or deleted.
CREATE OR REPLACE FUNCTION challenge_reactions_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'challenge reactions are records: % is not allowed; report a new one instead', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER challenge_reactions_no_update_delete
  BEFORE UPDATE OR DELETE ON challenge_reactions
  FOR EACH ROW EXECUTE FUNCTION challenge_reactions_refuse_change();
--> statement-breakpoint
CREATE TRIGGER challenge_reactions_no_truncate
  BEFORE TRUNCATE ON challenge_reactions
  FOR EACH STATEMENT EXECUTE FUNCTION challenge_reactions_refuse_change();
