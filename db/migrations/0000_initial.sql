CREATE TYPE "public"."administrative_sex" AS ENUM('female', 'male', 'other', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('allowed', 'denied');--> statement-breakpoint
CREATE TYPE "public"."care_team_role" AS ENUM('lead', 'member');--> statement-breakpoint
CREATE TYPE "public"."condition_clinical_status" AS ENUM('active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved');--> statement-breakpoint
CREATE TYPE "public"."specialty" AS ENUM('dermatology', 'nutrition', 'gastroenterology', 'other');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('clinician', 'patient', 'admin');--> statement-breakpoint
CREATE TABLE "conditions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"code_system" text NOT NULL,
	"code" text NOT NULL,
	"display" text NOT NULL,
	"onset_date" date,
	"clinical_status" "condition_clinical_status" DEFAULT 'active' NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conditions_code_present" CHECK (length(trim("conditions"."code")) > 0)
);
--> statement-breakpoint
CREATE TABLE "patients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mrn" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex" "administrative_sex" NOT NULL,
	"email" text,
	"phone" text,
	"address_line" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patients_mrn_unique" UNIQUE("mrn"),
	CONSTRAINT "patients_mrn_format" CHECK ("patients"."mrn" ~ '^[A-Z0-9-]{4,20}$'),
	CONSTRAINT "patients_names_present" CHECK (length(trim("patients"."given_name")) > 0 and length(trim("patients"."family_name")) > 0),
	CONSTRAINT "patients_dob_sane" CHECK ("patients"."date_of_birth" >= '1900-01-01')
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "user_role" NOT NULL,
	"specialty" "specialty",
	"patient_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deactivated_at" timestamp with time zone,
	CONSTRAINT "users_email_lowercase" CHECK ("users"."email" = lower("users"."email")),
	CONSTRAINT "users_clinician_has_specialty" CHECK (("users"."role" = 'clinician') = ("users"."specialty" is not null)),
	CONSTRAINT "users_patient_has_record" CHECK (("users"."role" = 'patient') = ("users"."patient_id" is not null)),
	CONSTRAINT "users_deactivation_consistent" CHECK ("users"."active" = ("users"."deactivated_at" is null))
);
--> statement-breakpoint
CREATE TABLE "care_team_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "care_team_role" DEFAULT 'member' NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_by" uuid,
	"removed_at" timestamp with time zone,
	CONSTRAINT "care_team_removal_consistent" CHECK (("care_team_members"."removed_at" is null) = ("care_team_members"."removed_by" is null))
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_role" "user_role",
	"action" text NOT NULL,
	"outcome" "audit_outcome" NOT NULL,
	"patient_id" uuid,
	"entity_type" text,
	"entity_id" text,
	"request_address" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"request_address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"request_address" text,
	"user_agent" text
);
--> statement-breakpoint
ALTER TABLE "conditions" ADD CONSTRAINT "conditions_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "care_team_members" ADD CONSTRAINT "care_team_members_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conditions_patient_idx" ON "conditions" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "conditions_code_idx" ON "conditions" USING btree ("code");--> statement-breakpoint
CREATE INDEX "patients_family_given_idx" ON "patients" USING btree ("family_name","given_name");--> statement-breakpoint
CREATE INDEX "patients_last_activity_idx" ON "patients" USING btree ("last_activity_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_patient_unique" ON "users" USING btree ("patient_id") WHERE "users"."patient_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "care_team_active_member_unique" ON "care_team_members" USING btree ("patient_id","user_id") WHERE "care_team_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "care_team_user_idx" ON "care_team_members" USING btree ("user_id") WHERE "care_team_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "care_team_patient_idx" ON "care_team_members" USING btree ("patient_id") WHERE "care_team_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "audit_patient_time_idx" ON "audit_events" USING btree ("patient_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_actor_time_idx" ON "audit_events" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "login_attempts_email_time_idx" ON "login_attempts" USING btree ("email","attempted_at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_time_idx" ON "login_attempts" USING btree ("request_address","attempted_at");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");