ALTER TYPE "public"."board_kind" ADD VALUE 'roadmap';--> statement-breakpoint
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
ALTER TABLE "projected_cycle_steps" ADD CONSTRAINT "projected_cycle_steps_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_cycle_steps" ADD CONSTRAINT "projected_cycle_steps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_milestones" ADD CONSTRAINT "projected_milestones_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_milestones" ADD CONSTRAINT "projected_milestones_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_phases" ADD CONSTRAINT "projected_phases_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_phases" ADD CONSTRAINT "projected_phases_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projected_cycle_steps_workspace_idx" ON "projected_cycle_steps" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "projected_milestones_workspace_idx" ON "projected_milestones" USING btree ("workspace_id","date");--> statement-breakpoint
CREATE INDEX "projected_phases_workspace_idx" ON "projected_phases" USING btree ("workspace_id");