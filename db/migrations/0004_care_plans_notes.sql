CREATE TYPE "public"."goal_status" AS ENUM('active', 'met', 'not_met', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."intervention_kind" AS ENUM('medication', 'topical', 'procedure', 'diet', 'supplement', 'probiotic', 'lifestyle', 'referral');--> statement-breakpoint
CREATE TYPE "public"."intervention_status" AS ENUM('proposed', 'active', 'paused', 'completed', 'stopped', 'declined');--> statement-breakpoint
CREATE TYPE "public"."note_status" AS ENUM('draft', 'signed');--> statement-breakpoint
CREATE TYPE "public"."note_visibility" AS ENUM('care_team', 'patient');--> statement-breakpoint
CREATE TYPE "public"."task_kind" AS ENUM('mention', 'task');--> statement-breakpoint
CREATE TABLE "care_plan_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"patient_id" uuid NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"snapshot" jsonb NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_plan_changes_entity_type" CHECK ("care_plan_changes"."entity_type" in ('goal', 'intervention'))
);
--> statement-breakpoint
CREATE TABLE "care_plan_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"description" text NOT NULL,
	"target_instrument" text,
	"target_value" text,
	"target_date" date,
	"status" "goal_status" DEFAULT 'active' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_plan_goals_version_positive" CHECK ("care_plan_goals"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "care_plan_interventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"goal_id" uuid,
	"kind" "intervention_kind" NOT NULL,
	"title" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"owner_specialty" "specialty" NOT NULL,
	"owner_user_id" uuid NOT NULL,
	"status" "intervention_status" DEFAULT 'proposed' NOT NULL,
	"status_reason" text,
	"start_date" date,
	"end_date" date,
	"acknowledged_cautions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "care_plan_interventions_version_positive" CHECK ("care_plan_interventions"."version" >= 1),
	CONSTRAINT "care_plan_interventions_dates_ordered" CHECK ("care_plan_interventions"."end_date" is null or "care_plan_interventions"."start_date" is null or "care_plan_interventions"."end_date" >= "care_plan_interventions"."start_date"),
	CONSTRAINT "care_plan_interventions_stop_has_reason" CHECK ("care_plan_interventions"."status" <> 'stopped' or length(trim(coalesce("care_plan_interventions"."status_reason", ''))) > 0),
	CONSTRAINT "care_plan_interventions_accept_consistent" CHECK (("care_plan_interventions"."accepted_at" is null) = ("care_plan_interventions"."accepted_by" is null))
);
--> statement-breakpoint
CREATE TABLE "clinical_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"patient_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"visibility" "note_visibility" DEFAULT 'care_team' NOT NULL,
	"status" "note_status" NOT NULL,
	"is_amendment" boolean DEFAULT false NOT NULL,
	"amendment_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_at" timestamp with time zone,
	CONSTRAINT "clinical_notes_body_not_empty" CHECK (length(trim("clinical_notes"."body")) > 0),
	CONSTRAINT "clinical_notes_signed_consistent" CHECK (("clinical_notes"."status" = 'signed') = ("clinical_notes"."signed_at" is not null)),
	CONSTRAINT "clinical_notes_amendment_has_reason" CHECK (not "clinical_notes"."is_amendment" or length(trim(coalesce("clinical_notes"."amendment_reason", ''))) > 0)
);
--> statement-breakpoint
CREATE TABLE "clinician_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"note_id" uuid,
	"kind" "task_kind" NOT NULL,
	"assignee_id" uuid NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	CONSTRAINT "clinician_tasks_done_consistent" CHECK (("clinician_tasks"."done_at" is null) = ("clinician_tasks"."done_by" is null))
);
--> statement-breakpoint
CREATE TABLE "note_links" (
	"note_id" uuid NOT NULL,
	"target_type" text NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "note_links_target_type" CHECK ("note_links"."target_type" in ('intervention', 'result'))
);
--> statement-breakpoint
ALTER TABLE "care_plan_changes" ADD CONSTRAINT "care_plan_changes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_changes" ADD CONSTRAINT "care_plan_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD CONSTRAINT "care_plan_goals_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD CONSTRAINT "care_plan_goals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_goals" ADD CONSTRAINT "care_plan_goals_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_goal_id_care_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."care_plan_goals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_notes" ADD CONSTRAINT "clinical_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_note_id_clinical_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."clinical_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "note_links" ADD CONSTRAINT "note_links_note_id_clinical_notes_id_fk" FOREIGN KEY ("note_id") REFERENCES "public"."clinical_notes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_plan_changes_patient_idx" ON "care_plan_changes" USING btree ("patient_id","changed_at");--> statement-breakpoint
CREATE INDEX "care_plan_changes_entity_idx" ON "care_plan_changes" USING btree ("entity_id","version");--> statement-breakpoint
CREATE INDEX "care_plan_goals_patient_idx" ON "care_plan_goals" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "care_plan_interventions_patient_idx" ON "care_plan_interventions" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_notes_series_version_unique" ON "clinical_notes" USING btree ("series_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_notes_series_current_unique" ON "clinical_notes" USING btree ("series_id") WHERE "clinical_notes"."is_current";--> statement-breakpoint
CREATE INDEX "clinical_notes_patient_idx" ON "clinical_notes" USING btree ("patient_id","created_at") WHERE "clinical_notes"."is_current";--> statement-breakpoint
CREATE INDEX "clinician_tasks_open_idx" ON "clinician_tasks" USING btree ("assignee_id","created_at") WHERE "clinician_tasks"."done_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "note_links_unique" ON "note_links" USING btree ("note_id","target_type","target_id");