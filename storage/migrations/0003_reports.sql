ALTER TABLE "outbound_messages" DROP CONSTRAINT "outbound_messages_surface_check";--> statement-breakpoint
CREATE INDEX "reports_date_idx" ON "reports" USING btree ("report_date","id");--> statement-breakpoint
ALTER TABLE "reports" RENAME COLUMN "emailed_at" TO "deliveries_queued_at";--> statement-breakpoint
ALTER TABLE "outbound_messages" ADD CONSTRAINT "outbound_messages_surface_check" CHECK ("outbound_messages"."surface" in ('slack', 'discord', 'terminal', 'email'));--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_status_check" CHECK ("reports"."status" in ('rendering', 'rendered', 'failed'));--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "provenance" jsonb;--> statement-breakpoint
ALTER TABLE "reports" ADD COLUMN "facts" jsonb;
