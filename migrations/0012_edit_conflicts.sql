CREATE TABLE "edit_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"board_id" uuid NOT NULL,
	"item_id" text,
	"field" text NOT NULL,
	"lost_value" jsonb,
	"lost_by" uuid,
	"kept_value" jsonb,
	"kept_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "edit_conflicts" ADD CONSTRAINT "edit_conflicts_board_id_boards_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."boards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edit_conflicts" ADD CONSTRAINT "edit_conflicts_lost_by_users_id_fk" FOREIGN KEY ("lost_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edit_conflicts" ADD CONSTRAINT "edit_conflicts_kept_by_users_id_fk" FOREIGN KEY ("kept_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "edit_conflicts_item_idx" ON "edit_conflicts" USING btree ("board_id","item_id","at");