CREATE TYPE "public"."checklist_answer" AS ENUM('yes', 'no', 'unanswered');--> statement-breakpoint
CREATE TYPE "public"."decision_outcome" AS ENUM('approved_closed', 'tabled', 'approved_with_changes');--> statement-breakpoint
CREATE TYPE "public"."decision_point_body" AS ENUM('steering_group', 'social_committee', 'executive_board', 'other');--> statement-breakpoint
CREATE TYPE "public"."decision_point_kind" AS ENUM('follow_up', 'final', 'other');--> statement-breakpoint
ALTER TYPE "public"."board_kind" ADD VALUE 'roadmap';--> statement-breakpoint
CREATE TABLE "decision_checklist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_point_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL,
	"answer" "checklist_answer" DEFAULT 'unanswered' NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"kind" "decision_point_kind" NOT NULL,
	"body" "decision_point_body" NOT NULL,
	"body_name" text DEFAULT '' NOT NULL,
	"planned_on" date,
	"outcome" "decision_outcome",
	"decided_on" date,
	"decision_note" text DEFAULT '' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"source_board_id" uuid,
	"source_item_id" text,
	"source_paragraph" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', "title"), 'A') || setweight(to_tsvector('swedish', "body_name" || ' ' || "decision_note"), 'B')) STORED NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projected_cycle_steps" (
	"board_id" uuid NOT NULL,
	"focus_board_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"step" text NOT NULL,
	"note" text NOT NULL,
	CONSTRAINT "projected_cycle_steps_board_id_focus_board_id_pk" PRIMARY KEY("board_id","focus_board_id")
);
--> statement-breakpoint
CREATE TABLE "projected_milestones" (
	"board_id" uuid NOT NULL,
	"milestone_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"date" date,
	"done" boolean NOT NULL,
	"meeting_board_id" uuid,
	"decision_point_id" uuid,
	CONSTRAINT "projected_milestones_board_id_milestone_id_pk" PRIMARY KEY("board_id","milestone_id")
);
--> statement-breakpoint
CREATE TABLE "projected_phases" (
	"board_id" uuid NOT NULL,
	"phase_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"term" text NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"rank" text NOT NULL,
	"activities" integer NOT NULL,
	"activities_done" integer NOT NULL,
	CONSTRAINT "projected_phases_board_id_phase_id_pk" PRIMARY KEY("board_id","phase_id")
);
--> statement-breakpoint
ALTER TABLE "decision_checklist_items" ADD CONSTRAINT "decision_checklist_items_decision_point_id_decision_points_id_fk" FOREIGN KEY ("decision_point_id") REFERENCES "public"."decision_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_points" ADD CONSTRAINT "decision_points_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_points" ADD CONSTRAINT "decision_points_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_points" ADD CONSTRAINT "decision_points_source_board_id_boards_id_fk" FOREIGN KEY ("source_board_id") REFERENCES "public"."boards"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_points" ADD CONSTRAINT "decision_points_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_cycle_steps" ADD CONSTRAINT "projected_cycle_steps_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_cycle_steps" ADD CONSTRAINT "projected_cycle_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_milestones" ADD CONSTRAINT "projected_milestones_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_milestones" ADD CONSTRAINT "projected_milestones_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_phases" ADD CONSTRAINT "projected_phases_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_phases" ADD CONSTRAINT "projected_phases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_checklist_items_point_idx" ON "decision_checklist_items" USING btree ("decision_point_id","position");--> statement-breakpoint
CREATE INDEX "decision_points_workspace_idx" ON "decision_points" USING btree ("workspace_id","planned_on");--> statement-breakpoint
CREATE INDEX "decision_points_document_idx" ON "decision_points" USING gin ("document");--> statement-breakpoint
CREATE INDEX "decision_points_source_idx" ON "decision_points" USING btree ("source_board_id");--> statement-breakpoint
CREATE INDEX "projected_cycle_steps_workspace_idx" ON "projected_cycle_steps" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "projected_milestones_workspace_idx" ON "projected_milestones" USING btree ("workspace_id","date");--> statement-breakpoint
CREATE INDEX "projected_phases_workspace_idx" ON "projected_phases" USING btree ("workspace_id");