CREATE TABLE "model_signals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "model_signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"version_id" integer NOT NULL,
	"kind" text NOT NULL,
	"ticker" text,
	"as_of" date NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "model_signals_key_uq" UNIQUE NULLS NOT DISTINCT("version_id","kind","ticker","as_of"),
	CONSTRAINT "model_signals_kind_check" CHECK ("model_signals"."kind" in ('drift', 'calibration', 'anomaly', 'importance'))
);
--> statement-breakpoint
ALTER TABLE "forecasts" DROP CONSTRAINT "forecasts_ticker_asof_uq";--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "backend" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "code_version" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "scaler" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "params" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "train_from" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "train_to" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "data_snapshot" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "model_versions" ALTER COLUMN "weights" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "forecasts" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "model_alias_history" ADD COLUMN "undoes_id" integer;--> statement-breakpoint
ALTER TABLE "model_versions" ADD COLUMN "input_reference" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "model_signals" ADD CONSTRAINT "model_signals_version_id_model_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."model_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_signals_version_idx" ON "model_signals" USING btree ("version_id","as_of");--> statement-breakpoint
ALTER TABLE "model_alias_history" ADD CONSTRAINT "model_alias_history_undoes_id_model_alias_history_id_fk" FOREIGN KEY ("undoes_id") REFERENCES "public"."model_alias_history"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_alias_history_alias_idx" ON "model_alias_history" USING btree ("alias","id");--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_ticker_asof_uq" UNIQUE NULLS NOT DISTINCT("ticker","as_of","horizon","model_version_id");--> statement-breakpoint
ALTER TABLE "model_alias_history" ADD CONSTRAINT "model_alias_history_undoes_uq" UNIQUE("undoes_id");--> statement-breakpoint
ALTER TABLE "model_aliases" ADD CONSTRAINT "model_aliases_alias_check" CHECK ("model_aliases"."alias" in ('champion', 'challenger'));