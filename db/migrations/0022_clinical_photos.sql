CREATE TABLE "clinical_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"body_site" text NOT NULL,
	"body_site_detail" text,
	"taken_on" date NOT NULL,
	"taken_on_source" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"score_result_id" uuid,
	"caption" text,
	"shared_with_patient" boolean DEFAULT false NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	CONSTRAINT "clinical_photos_site_detail" CHECK ("clinical_photos"."body_site" <> 'other' or "clinical_photos"."body_site_detail" is not null),
	CONSTRAINT "clinical_photos_caption_length" CHECK ("clinical_photos"."caption" is null or char_length("clinical_photos"."caption") <= 500),
	CONSTRAINT "clinical_photos_taken_on_source" CHECK ("clinical_photos"."taken_on_source" in ('exif', 'entered'))
);
--> statement-breakpoint
CREATE TABLE "photo_consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinical_record" boolean NOT NULL,
	"share_with_patient" boolean NOT NULL,
	"teaching" boolean NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photo_renditions" (
	"photo_id" uuid NOT NULL,
	"rendition" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"byte_size" integer NOT NULL,
	CONSTRAINT "photo_renditions_photo_id_rendition_pk" PRIMARY KEY("photo_id","rendition"),
	CONSTRAINT "photo_renditions_kind" CHECK ("photo_renditions"."rendition" in ('thumb', 'screen')),
	CONSTRAINT "photo_renditions_size" CHECK ("photo_renditions"."byte_size" = octet_length("photo_renditions"."bytes"))
);
--> statement-breakpoint
ALTER TABLE "clinical_photos" ADD CONSTRAINT "clinical_photos_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_photos" ADD CONSTRAINT "clinical_photos_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_photos" ADD CONSTRAINT "clinical_photos_score_result_id_results_id_fk" FOREIGN KEY ("score_result_id") REFERENCES "public"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_consents" ADD CONSTRAINT "photo_consents_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_consents" ADD CONSTRAINT "photo_consents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photo_renditions" ADD CONSTRAINT "photo_renditions_photo_id_clinical_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."clinical_photos"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinical_photos_patient_idx" ON "clinical_photos" USING btree ("patient_id","body_site","taken_on");--> statement-breakpoint
CREATE INDEX "photo_consents_patient_idx" ON "photo_consents" USING btree ("patient_id","recorded_at");