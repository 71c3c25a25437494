CREATE TABLE "organization_deactivations" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"deactivated_at" timestamp with time zone NOT NULL,
	"deactivated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "workspace_organizations" (
	"workspace_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_organizations_workspace_id_organization_id_pk" PRIMARY KEY("workspace_id","organization_id")
);
--> statement-breakpoint
ALTER TABLE "organization_deactivations" ADD CONSTRAINT "organization_deactivations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_deactivations" ADD CONSTRAINT "organization_deactivations_deactivated_by_users_id_fk" FOREIGN KEY ("deactivated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_organizations" ADD CONSTRAINT "workspace_organizations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_organizations" ADD CONSTRAINT "workspace_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_organizations_org_idx" ON "workspace_organizations" USING btree ("organization_id");