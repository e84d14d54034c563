-- Freshness of stored HR trend figures (db/schema/trends.ts). Triggers rather than application
-- code, so that no write path (a service, an import, a bulk load, a manual fix) can change what
-- a cycle's figures are computed from without marking them stale. Row triggers on the two
-- version columns' own tables; statement triggers with transition tables elsewhere, so a bulk
-- insert bumps a version once, not once per row.

-- k, the item bank and the opening moment (teams are taken as of it) are part of a cycle's figures.
CREATE FUNCTION tandem_cycle_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.figures_version := OLD.figures_version + 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cycles_figures_inputs BEFORE UPDATE OF min_group_size, bank_version, opened_at, opens_on ON cycles
  FOR EACH ROW WHEN (OLD.min_group_size IS DISTINCT FROM NEW.min_group_size OR OLD.bank_version IS DISTINCT FROM NEW.bank_version
    OR OLD.opened_at IS DISTINCT FROM NEW.opened_at OR OLD.opens_on IS DISTINCT FROM NEW.opens_on)
  EXECUTE FUNCTION tandem_cycle_inputs_changed();
--> statement-breakpoint
-- The organization's name (the org group's name) and default k.
CREATE FUNCTION tandem_org_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.trends_version := OLD.trends_version + 1;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER organizations_trends_inputs BEFORE UPDATE OF name, min_group_size ON organizations
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.min_group_size IS DISTINCT FROM NEW.min_group_size)
  EXECUTE FUNCTION tandem_org_inputs_changed();
--> statement-breakpoint
-- Submitted responses: submitting, un-submitting, changing or deleting a submitted response.
CREATE FUNCTION tandem_responses_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE cycles SET figures_version = figures_version + 1
    WHERE id IN (SELECT a.cycle_id FROM new_rows n JOIN assessments a ON a.id = n.assessment_id WHERE n.submitted_at IS NOT NULL);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE cycles SET figures_version = figures_version + 1
    WHERE id IN (
      SELECT a.cycle_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN assessments a ON a.id = n.assessment_id
      WHERE o.submitted_at IS DISTINCT FROM n.submitted_at
        OR (n.submitted_at IS NOT NULL AND (o.answers IS DISTINCT FROM n.answers OR o.respondent_id IS DISTINCT FROM n.respondent_id OR o.side IS DISTINCT FROM n.side)));
  ELSE
    UPDATE cycles SET figures_version = figures_version + 1
    WHERE id IN (SELECT a.cycle_id FROM old_rows o JOIN assessments a ON a.id = o.assessment_id WHERE o.submitted_at IS NOT NULL);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER responses_trends_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_responses_changed();
--> statement-breakpoint
CREATE TRIGGER responses_trends_update AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_responses_changed();
--> statement-breakpoint
CREATE TRIGGER responses_trends_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_responses_changed();
--> statement-breakpoint
-- Invitations: a cycle's assessments are its invited pairs.
CREATE FUNCTION tandem_assessments_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE cycles SET figures_version = figures_version + 1 WHERE id IN (SELECT cycle_id FROM new_rows);
  ELSE
    UPDATE cycles SET figures_version = figures_version + 1 WHERE id IN (SELECT cycle_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessments_trends_insert AFTER INSERT ON assessments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_assessments_changed();
--> statement-breakpoint
CREATE TRIGGER assessments_trends_delete AFTER DELETE ON assessments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_assessments_changed();
--> statement-breakpoint
-- Organization-wide inputs of every cycle: people's names (team names) and departments,
-- departments themselves, and reporting lines (invited pairs, teams as of a cycle's opening).
CREATE FUNCTION tandem_org_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'people' THEN
    UPDATE organizations SET trends_version = trends_version + 1
    WHERE id IN (SELECT n.org_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE o.name IS DISTINCT FROM n.name OR o.department_id IS DISTINCT FROM n.department_id OR o.org_id IS DISTINCT FROM n.org_id);
  ELSIF TG_OP = 'UPDATE' THEN
    UPDATE organizations SET trends_version = trends_version + 1 WHERE id IN (SELECT org_id FROM new_rows UNION SELECT org_id FROM old_rows);
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE organizations SET trends_version = trends_version + 1 WHERE id IN (SELECT org_id FROM new_rows);
  ELSE
    UPDATE organizations SET trends_version = trends_version + 1 WHERE id IN (SELECT org_id FROM old_rows);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER people_trends_update AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER people_trends_delete AFTER DELETE ON people REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER departments_trends_insert AFTER INSERT ON departments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER departments_trends_update AFTER UPDATE ON departments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER departments_trends_delete AFTER DELETE ON departments REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER pairs_trends_insert AFTER INSERT ON pairs REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER pairs_trends_update AFTER UPDATE ON pairs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
--> statement-breakpoint
CREATE TRIGGER pairs_trends_delete AFTER DELETE ON pairs REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION tandem_org_rows_changed();
