ALTER TABLE "care_plan_interventions" ADD COLUMN "gut_target" text;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD COLUMN "response_weeks" integer;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD COLUMN "ppi_last_dose_date" date;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD COLUMN "retest_date" date;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD COLUMN "follow_up" text;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD COLUMN "intervention_id" uuid;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_intervention_id_care_plan_interventions_id_fk" FOREIGN KEY ("intervention_id") REFERENCES "public"."care_plan_interventions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "care_plan_interventions_kind_start_idx" ON "care_plan_interventions" USING btree ("kind","patient_id","start_date") WHERE "care_plan_interventions"."start_date" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "clinician_tasks_follow_up_open_unique" ON "clinician_tasks" USING btree ("intervention_id","follow_up") WHERE "clinician_tasks"."done_at" is null;--> statement-breakpoint
CREATE INDEX "clinician_tasks_follow_up_due_idx" ON "clinician_tasks" USING btree ("patient_id","due_date") WHERE "clinician_tasks"."follow_up" is not null and "clinician_tasks"."done_at" is null;--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_gut_target" CHECK ("care_plan_interventions"."gut_target" is null or "care_plan_interventions"."gut_target" in ('h_pylori', 'sibo', 'imo'));--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_response_weeks" CHECK ("care_plan_interventions"."response_weeks" is null or "care_plan_interventions"."response_weeks" between 1 and 104);--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_ppi_for_h_pylori" CHECK ("care_plan_interventions"."ppi_last_dose_date" is null or "care_plan_interventions"."gut_target" = 'h_pylori');--> statement-breakpoint
ALTER TABLE "care_plan_interventions" ADD CONSTRAINT "care_plan_interventions_retest_for_breath" CHECK ("care_plan_interventions"."retest_date" is null or "care_plan_interventions"."gut_target" in ('sibo', 'imo'));--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_follow_up_kind" CHECK ("clinician_tasks"."follow_up" is null or "clinician_tasks"."follow_up" in ('h_pylori_test_of_cure', 'breath_retest'));--> statement-breakpoint
ALTER TABLE "clinician_tasks" ADD CONSTRAINT "clinician_tasks_follow_up_complete" CHECK (("clinician_tasks"."follow_up" is null) = ("clinician_tasks"."intervention_id" is null) and ("clinician_tasks"."follow_up" is null) = ("clinician_tasks"."due_date" is null));