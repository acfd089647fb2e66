CREATE TABLE "clinical_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"document_date" date NOT NULL,
	"result_series_id" uuid,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"origin" text NOT NULL,
	"content_type" text NOT NULL,
	"byte_size" integer NOT NULL,
	"sha256" text NOT NULL,
	"shared_with_patient" boolean DEFAULT false NOT NULL,
	CONSTRAINT "clinical_documents_category" CHECK ("clinical_documents"."category" in ('lab_report', 'referral_letter', 'clinic_letter', 'other')),
	CONSTRAINT "clinical_documents_title_length" CHECK (char_length("clinical_documents"."title") between 1 and 200),
	CONSTRAINT "clinical_documents_origin" CHECK ("clinical_documents"."origin" in ('upload', 'fhir-import')),
	CONSTRAINT "clinical_documents_content_type" CHECK ("clinical_documents"."content_type" = 'application/pdf'),
	CONSTRAINT "clinical_documents_sha256" CHECK ("clinical_documents"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "document_contents" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	CONSTRAINT "document_contents_size" CHECK ("document_contents"."byte_size" = octet_length("document_contents"."bytes"))
);
--> statement-breakpoint
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_documents" ADD CONSTRAINT "clinical_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_contents" ADD CONSTRAINT "document_contents_document_id_clinical_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."clinical_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinical_documents_patient_idx" ON "clinical_documents" USING btree ("patient_id","document_date");--> statement-breakpoint
CREATE INDEX "clinical_documents_result_idx" ON "clinical_documents" USING btree ("result_series_id") WHERE "clinical_documents"."result_series_id" is not null;