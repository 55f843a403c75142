CREATE TABLE "outbound_channels" (
	"surface" text NOT NULL,
	"channel_id" text NOT NULL,
	"free_at" timestamp with time zone DEFAULT to_timestamp(0) NOT NULL,
	CONSTRAINT "outbound_channels_pkey" PRIMARY KEY("surface","channel_id")
);
--> statement-breakpoint
CREATE TABLE "outbound_messages" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "outbound_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"surface" text NOT NULL,
	"channel_id" text NOT NULL,
	"body" jsonb NOT NULL,
	"dedupe_key" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone,
	"external_id" text,
	"last_error" text,
	CONSTRAINT "outbound_messages_dedupe_uq" UNIQUE("dedupe_key"),
	CONSTRAINT "outbound_messages_state_check" CHECK ("outbound_messages"."state" in ('pending', 'sending', 'delivered', 'failed')),
	CONSTRAINT "outbound_messages_surface_check" CHECK ("outbound_messages"."surface" in ('slack', 'discord', 'terminal'))
);
--> statement-breakpoint
CREATE TABLE "chat_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_events" DROP CONSTRAINT "alert_events_state_check";--> statement-breakpoint
DROP INDEX "alert_events_delivery_idx";--> statement-breakpoint
ALTER TABLE "alert_rules" ALTER COLUMN "ticker" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD COLUMN "comparison" jsonb;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "ticker" text NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "condition" jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "surface" text NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "channel_id" text NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "as_of" date NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "value" double precision;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "detail" text NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_events" ADD COLUMN "fired_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "condition" jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "outbound_messages_state_idx" ON "outbound_messages" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbound_messages_waiting_idx" ON "outbound_messages" USING btree ("surface","channel_id","id") WHERE "outbound_messages"."state" in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "chat_requests_seen_idx" ON "chat_requests" USING btree ("seen_at");--> statement-breakpoint
CREATE INDEX "alert_events_rule_idx" ON "alert_events" USING btree ("rule_id","fired_at");--> statement-breakpoint
CREATE INDEX "alert_events_fired_idx" ON "alert_events" USING btree ("fired_at");--> statement-breakpoint
CREATE INDEX "alert_rules_channel_idx" ON "alert_rules" USING btree ("surface","channel_id");--> statement-breakpoint
ALTER TABLE "promotion_requests" DROP COLUMN "metrics";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "created_at";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "payload";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "delivery_state";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "attempts";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "next_attempt_at";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "delivered_at";--> statement-breakpoint
ALTER TABLE "alert_events" DROP COLUMN "last_error";--> statement-breakpoint
ALTER TABLE "alert_rules" DROP COLUMN "params";--> statement-breakpoint
ALTER TABLE "promotion_requests" ADD CONSTRAINT "promotion_requests_two_person_check" CHECK ("promotion_requests"."state" <> 'approved' or ("promotion_requests"."decided_by" is not null and "promotion_requests"."decided_by" <> "promotion_requests"."requested_by"));--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_kind_check" CHECK ("alert_rules"."kind" in ('price_above', 'price_below', 'pct_move', 'forecast_prob', 'anomaly', 'quality'));--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_kind_matches_check" CHECK ("alert_rules"."condition" ->> 'kind' = "alert_rules"."kind");--> statement-breakpoint
ALTER TABLE "alert_rules" ADD CONSTRAINT "alert_rules_surface_check" CHECK ("alert_rules"."surface" in ('slack', 'discord', 'terminal'));--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_kind_check" CHECK ("subscriptions"."kind" in ('email', 'slack', 'discord'));