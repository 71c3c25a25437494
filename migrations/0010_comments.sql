CREATE TABLE "projected_comments" (
	"board_id" uuid NOT NULL,
	"comment_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"target_id" text NOT NULL,
	"target_kind" text NOT NULL,
	"author_id" uuid NOT NULL,
	"mentions" uuid[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "projected_comments_board_id_comment_id_pk" PRIMARY KEY("board_id","comment_id")
);
--> statement-breakpoint
ALTER TABLE "projected_comments" ADD CONSTRAINT "projected_comments_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projected_comments" ADD CONSTRAINT "projected_comments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "projected_comments_target_idx" ON "projected_comments" USING btree ("board_id","target_id");