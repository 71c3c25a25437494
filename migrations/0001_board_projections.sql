CREATE TABLE "board_projections" (
	"board_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"projected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projected_actions" (
	"board_id" uuid NOT NULL,
	"action_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"rank" text NOT NULL,
	"owner_id" uuid,
	"organization_id" uuid,
	"due_date" date,
	"pdsa_phase" text,
	"source_board_id" uuid,
	"source_item_id" text,
	"source_paragraph" integer,
	CONSTRAINT "projected_actions_board_id_action_id_pk" PRIMARY KEY("board_id","action_id")
);
--> statement-breakpoint
CREATE TABLE "projected_decisions" (
	"board_id" uuid NOT NULL,
	"decision_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"paragraph" integer,
	"item_title" text NOT NULL,
	"text" text NOT NULL,
	"position" integer NOT NULL,
	"meeting_starts_at" timestamp with time zone,
	CONSTRAINT "projected_decisions_board_id_decision_id_pk" PRIMARY KEY("board_id","decision_id")
);
--> statement-breakpoint
CREATE TABLE "projected_goals" (
	"board_id" uuid NOT NULL,
	"goal_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"status" text NOT NULL,
	"perspectives" text[] NOT NULL,
	"comment" text NOT NULL,
	"rank" text NOT NULL,
	CONSTRAINT "projected_goals_board_id_goal_id_pk" PRIMARY KEY("board_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "projected_meetings" (
	"board_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"place" text NOT NULL,
	"convener_id" uuid,
	"attendees" integer NOT NULL,
	"present" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_entries" (
	"board_id" uuid NOT NULL,
	"entry_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"document" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('swedish', "title"), 'A') || setweight(to_tsvector('swedish', "body"), 'B')) STORED NOT NULL,
	CONSTRAINT "search_entries_board_id_entry_id_pk" PRIMARY KEY("board_id","entry_id")
);
--> statement-breakpoint
ALTER TABLE "board_projections" ADD CONSTRAINT "board_projections_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_actions" ADD CONSTRAINT "projected_actions_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_actions" ADD CONSTRAINT "projected_actions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_decisions" ADD CONSTRAINT "projected_decisions_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_decisions" ADD CONSTRAINT "projected_decisions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_goals" ADD CONSTRAINT "projected_goals_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_goals" ADD CONSTRAINT "projected_goals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_meetings" ADD CONSTRAINT "projected_meetings_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_meetings" ADD CONSTRAINT "projected_meetings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_entries" ADD CONSTRAINT "search_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projected_actions_workspace_idx" ON "projected_actions" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "projected_actions_owner_idx" ON "projected_actions" USING btree ("workspace_id","owner_id");--> statement-breakpoint
CREATE INDEX "projected_decisions_workspace_idx" ON "projected_decisions" USING btree ("workspace_id","meeting_starts_at");--> statement-breakpoint
CREATE INDEX "projected_goals_workspace_idx" ON "projected_goals" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "projected_meetings_workspace_idx" ON "projected_meetings" USING btree ("workspace_id","starts_at");--> statement-breakpoint
CREATE INDEX "search_entries_document_idx" ON "search_entries" USING gin ("document");--> statement-breakpoint
CREATE INDEX "search_entries_workspace_idx" ON "search_entries" USING btree ("workspace_id");