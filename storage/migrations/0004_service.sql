CREATE TABLE "job_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"job" text NOT NULL,
	"run_key" text NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"worker" text NOT NULL,
	"trigger" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	"summary" jsonb,
	CONSTRAINT "job_runs_job_check" CHECK ("job_runs"."job" in ('ingest-daily', 'ingest-intraday', 'forecast-daily', 'retrain', 'report-daily', 'registry-retention', 'housekeeping')),
	CONSTRAINT "job_runs_state_check" CHECK ("job_runs"."state" in ('running', 'succeeded', 'failed', 'skipped', 'interrupted'))
);
--> statement-breakpoint
CREATE TABLE "rate_buckets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_one_running_idx" ON "job_runs" USING btree ("run_key") WHERE "job_runs"."state" = 'running';--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_one_done_idx" ON "job_runs" USING btree ("run_key") WHERE "job_runs"."state" in ('succeeded', 'skipped');--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
-- Agenda's job table, in the shape @agendajs/postgres-backend 3 expects. It is created here, once, instead of by
-- each process on connect (ensureSchema: false), so that several workers starting together cannot race on it.
CREATE TABLE "agenda_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	"name" varchar(255) NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"next_run_at" timestamp with time zone,
	"type" varchar(10) DEFAULT 'normal' NOT NULL CHECK ("type" in ('normal', 'single')),
	"locked_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"fail_count" integer,
	"fail_reason" text,
	"repeat_timezone" varchar(100),
	"last_run_at" timestamp with time zone,
	"repeat_interval" varchar(255),
	"data" jsonb DEFAULT '{}'::jsonb,
	"repeat_at" varchar(255),
	"disabled" boolean DEFAULT false,
	"progress" real,
	"fork" boolean DEFAULT false,
	"last_modified_by" varchar(255),
	"debounce_started_at" timestamp with time zone,
	"start_date" timestamp with time zone,
	"end_date" timestamp with time zone,
	"skip_days" jsonb,
	"created_at" timestamp with time zone DEFAULT now(),
	"updated_at" timestamp with time zone DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "agenda_jobs_find_and_lock_idx" ON "agenda_jobs" ("name", "next_run_at", "priority" DESC, "locked_at", "disabled") WHERE "disabled" = false;
--> statement-breakpoint
CREATE UNIQUE INDEX "agenda_jobs_single_job_idx" ON "agenda_jobs" ("name") WHERE "type" = 'single';
--> statement-breakpoint
CREATE INDEX "agenda_jobs_locked_at_idx" ON "agenda_jobs" ("locked_at") WHERE "locked_at" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "agenda_jobs_next_run_at_idx" ON "agenda_jobs" ("next_run_at") WHERE "next_run_at" IS NOT NULL;
--> statement-breakpoint
CREATE FUNCTION "update_agenda_jobs_updated_at"() RETURNS trigger AS $$
BEGIN
	NEW.updated_at = now();
	RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER "agenda_jobs_updated_at_trigger" BEFORE UPDATE ON "agenda_jobs" FOR EACH ROW EXECUTE FUNCTION "update_agenda_jobs_updated_at"();
