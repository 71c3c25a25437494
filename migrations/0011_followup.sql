ALTER TYPE "public"."board_kind" ADD VALUE 'followup';--> statement-breakpoint
CREATE TABLE "projected_goal_history" (
	"board_id" uuid NOT NULL,
	"entry_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"goal_id" text NOT NULL,
	"status" text NOT NULL,
	"date" date NOT NULL,
	"set_by" uuid,
	"recorded_at" timestamp with time zone NOT NULL,
	"justification" text NOT NULL,
	"remaining" text NOT NULL,
	"example" boolean NOT NULL,
	CONSTRAINT "projected_goal_history_board_id_entry_id_pk" PRIMARY KEY("board_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "projected_goal_links" (
	"board_id" uuid NOT NULL,
	"link_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"goal_id" text NOT NULL,
	"focus_board_id" uuid NOT NULL,
	"action_id" text,
	CONSTRAINT "projected_goal_links_board_id_link_id_pk" PRIMARY KEY("board_id","link_id")
);
--> statement-breakpoint
CREATE TABLE "projected_indicator_values" (
	"board_id" uuid NOT NULL,
	"value_key" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"indicator_id" text NOT NULL,
	"unit_id" text NOT NULL,
	"unit_name" text NOT NULL,
	"organization_id" uuid,
	"occasion_id" text NOT NULL,
	"occasion_label" text NOT NULL,
	"occasion_kind" text NOT NULL,
	"occasion_date" date NOT NULL,
	"value" double precision NOT NULL,
	"respondents" integer,
	"entered_by" uuid,
	"entered_at" timestamp with time zone NOT NULL,
	"example" boolean NOT NULL,
	CONSTRAINT "projected_indicator_values_board_id_value_key_pk" PRIMARY KEY("board_id","value_key")
);
--> statement-breakpoint
CREATE TABLE "projected_indicators" (
	"board_id" uuid NOT NULL,
	"indicator_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"unit_label" text NOT NULL,
	"direction" text NOT NULL,
	"target" double precision,
	"range_min" double precision,
	"range_max" double precision,
	"method" text NOT NULL,
	"goals" jsonb NOT NULL,
	"focus_board_ids" uuid[] NOT NULL,
	"rank" text NOT NULL,
	"example" boolean NOT NULL,
	CONSTRAINT "projected_indicators_board_id_indicator_id_pk" PRIMARY KEY("board_id","indicator_id")
);
--> statement-breakpoint
ALTER TABLE "projected_goals" ADD COLUMN "organization_id" uuid;--> statement-breakpoint
ALTER TABLE "projected_goals" ADD COLUMN "target_date" date;--> statement-breakpoint
ALTER TABLE "projected_goal_history" ADD CONSTRAINT "projected_goal_history_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_goal_history" ADD CONSTRAINT "projected_goal_history_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_goal_links" ADD CONSTRAINT "projected_goal_links_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_goal_links" ADD CONSTRAINT "projected_goal_links_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_indicator_values" ADD CONSTRAINT "projected_indicator_values_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_indicator_values" ADD CONSTRAINT "projected_indicator_values_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_indicators" ADD CONSTRAINT "projected_indicators_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_indicators" ADD CONSTRAINT "projected_indicators_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projected_goal_history_goal_idx" ON "projected_goal_history" USING btree ("workspace_id","goal_id","date");--> statement-breakpoint
CREATE INDEX "projected_goal_links_focus_idx" ON "projected_goal_links" USING btree ("workspace_id","focus_board_id");--> statement-breakpoint
CREATE INDEX "projected_indicator_values_indicator_idx" ON "projected_indicator_values" USING btree ("workspace_id","indicator_id","occasion_date");--> statement-breakpoint
CREATE INDEX "projected_indicators_workspace_idx" ON "projected_indicators" USING btree ("workspace_id");--> statement-breakpoint
-- Goals got owner organisation, target date, status history and links: every board is projected
-- again at the next start (as in 0009).
DELETE FROM "board_projections";
