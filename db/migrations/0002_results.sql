CREATE TYPE "public"."result_flag" AS ENUM('abnormal', 'normal', 'indeterminate', 'info');--> statement-breakpoint
CREATE TYPE "public"."result_kind" AS ENUM('breath_test', 'h_pylori', 'food_panel', 'score');--> statement-breakpoint
CREATE TABLE "patient_views" (
	"user_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"last_viewed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "patient_views_user_id_patient_id_pk" PRIMARY KEY("user_id","patient_id")
);
--> statement-breakpoint
CREATE TABLE "result_reviews" (
	"result_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "result_reviews_result_id_user_id_pk" PRIMARY KEY("result_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"kind" "result_kind" NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"effective_date" date NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"flag" "result_flag" NOT NULL,
	"criteria_set" text,
	"loinc_code" text,
	"instrument" text,
	"value" double precision,
	"data" jsonb NOT NULL,
	"interpretation" jsonb NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"correction_reason" text,
	CONSTRAINT "results_version_positive" CHECK ("results"."version" >= 1),
	CONSTRAINT "results_correction_has_reason" CHECK ("results"."version" = 1 or length(trim(coalesce("results"."correction_reason", ''))) > 0),
	CONSTRAINT "results_score_has_value" CHECK (("results"."kind" = 'score') = ("results"."instrument" is not null and "results"."value" is not null)),
	CONSTRAINT "results_effective_date_sane" CHECK ("results"."effective_date" >= '1900-01-01')
);
--> statement-breakpoint
ALTER TABLE "patient_views" ADD CONSTRAINT "patient_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "patient_views" ADD CONSTRAINT "patient_views_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_reviews" ADD CONSTRAINT "result_reviews_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "result_reviews" ADD CONSTRAINT "result_reviews_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "results" ADD CONSTRAINT "results_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "results_series_version_unique" ON "results" USING btree ("series_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "results_series_current_unique" ON "results" USING btree ("series_id") WHERE "results"."is_current";--> statement-breakpoint
CREATE INDEX "results_patient_current_idx" ON "results" USING btree ("patient_id","effective_date") WHERE "results"."is_current";--> statement-breakpoint
CREATE INDEX "results_patient_instrument_idx" ON "results" USING btree ("patient_id","instrument") WHERE "results"."is_current" and "results"."instrument" is not null;