CREATE TYPE "public"."minutes_state" AS ENUM('draft', 'closed', 'approved', 'sealed');--> statement-breakpoint
CREATE TABLE "minutes_approvals" (
	"board_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	CONSTRAINT "minutes_approvals_board_id_user_id_pk" PRIMARY KEY("board_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "minutes_status" (
	"board_id" uuid PRIMARY KEY NOT NULL,
	"state" "minutes_state" NOT NULL,
	"approver_ids" uuid[] NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sealed_minutes" (
	"board_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"record_json" text NOT NULL,
	"json_sha256" text NOT NULL,
	"pdf" "bytea" NOT NULL,
	"pdf_sha256" text NOT NULL,
	"markdown" text NOT NULL,
	"markdown_sha256" text NOT NULL,
	"previous_sha256" text,
	"sealed_at" timestamp with time zone NOT NULL,
	"sealed_by" uuid,
	"registration_number" text
);
--> statement-breakpoint
ALTER TABLE "projected_meetings" ADD COLUMN "last_paragraph" integer;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_approvals" ADD CONSTRAINT "minutes_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_status" ADD CONSTRAINT "minutes_status_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "minutes_status" ADD CONSTRAINT "minutes_status_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_minutes" ADD CONSTRAINT "sealed_minutes_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_minutes" ADD CONSTRAINT "sealed_minutes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sealed_minutes" ADD CONSTRAINT "sealed_minutes_sealed_by_users_id_fk" FOREIGN KEY ("sealed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sealed_minutes_sequence_idx" ON "sealed_minutes" USING btree ("workspace_id","sequence");--> statement-breakpoint
CREATE INDEX "sealed_minutes_json_sha_idx" ON "sealed_minutes" USING btree ("json_sha256");--> statement-breakpoint
CREATE INDEX "sealed_minutes_pdf_sha_idx" ON "sealed_minutes" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE INDEX "sealed_minutes_markdown_sha_idx" ON "sealed_minutes" USING btree ("markdown_sha256");--> statement-breakpoint
-- Sealed minutes are official records: the database itself refuses to change or delete them.
-- Only the registration number (diarienummer) may be filled in later.
CREATE FUNCTION "sealed_minutes_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'sealed minutes cannot be deleted';
  END IF;
  IF (NEW.board_id, NEW.workspace_id, NEW.sequence, NEW.record_json, NEW.json_sha256, NEW.pdf, NEW.pdf_sha256,
      NEW.markdown, NEW.markdown_sha256, NEW.previous_sha256, NEW.sealed_at)
     IS DISTINCT FROM
     (OLD.board_id, OLD.workspace_id, OLD.sequence, OLD.record_json, OLD.json_sha256, OLD.pdf, OLD.pdf_sha256,
      OLD.markdown, OLD.markdown_sha256, OLD.previous_sha256, OLD.sealed_at) THEN
    RAISE EXCEPTION 'sealed minutes cannot be changed';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "sealed_minutes_immutable" BEFORE UPDATE OR DELETE ON "sealed_minutes"
  FOR EACH ROW EXECUTE FUNCTION "sealed_minutes_immutable"();
