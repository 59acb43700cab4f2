-- A collection history for the 1,000,000-invoice book of scripts/bench-import.sh, written by SQL
-- (untimed preparation of scripts/bench-reports.sh). Deterministic: each client has a habit of
-- paying L days after the due date (L from -5 to 35, from its id), each invoice a little noise
-- (-3 to +3 days). Nine invoices in ten are paid by 2025-01-31 if their day has come; the tenth
-- stays open. Every invoice still unpaid 7, 21 and 35 days after its due date has the reminder
-- action the default policy takes then (email, polite / firm / final). A promise on one open
-- invoice in fifty, kept when it was paid by the promised day.
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TEMP TABLE habit AS
SELECT i.id AS invoice_id, i.org_id, i.client_id, i.currency, i.total_minor, i.due_date,
       date(i.due_date, printf('%+d days', ((i.client_id * 7919) % 41) - 5 + ((i.id * 31) % 7) - 3)) AS pay_day
FROM invoices i;
INSERT INTO payments (id, org_id, client_id, date, currency, amount_minor, method, reference, invoice_id, created_at)
SELECT invoice_id, org_id, client_id, pay_day, currency, total_minor, 'bank_transfer', 'bench', invoice_id, '2025-01-31T00:00:00Z'
FROM habit WHERE invoice_id % 10 <> 0 AND pay_day <= '2025-01-31';
INSERT INTO ledger_entries (org_id, invoice_id, kind, component, amount_minor, date, payment_id, note, created_at)
SELECT org_id, invoice_id, 'allocation', 'principal', -total_minor, pay_day, invoice_id, '', '2025-01-31T00:00:00Z'
FROM habit WHERE invoice_id % 10 <> 0 AND pay_day <= '2025-01-31';
INSERT INTO actions (org_id, key, invoice_id, day, stage, kind, tone, template, status, reason, created_at)
SELECT h.org_id, 'bench/' || h.invoice_id || '/' || s.stage, h.invoice_id, date(h.due_date, printf('+%d days', s.offset)), s.stage,
       'email', s.tone, 'reminder', 'due', 'bench history', '2025-01-31T00:00:00Z'
FROM habit h
JOIN (SELECT 'overdue-7' AS stage, 7 AS offset, 'polite' AS tone
      UNION ALL SELECT 'overdue-21', 21, 'firm' UNION ALL SELECT 'overdue-35', 35, 'final') s
WHERE date(h.due_date, printf('+%d days', s.offset)) <= '2025-01-31'
  AND (h.invoice_id % 10 = 0 OR h.pay_day > date(h.due_date, printf('+%d days', s.offset)));
INSERT INTO promises (org_id, invoice_id, made_on, promised_date, amount_minor, note, status, closed_on, created_at)
SELECT org_id, invoice_id, date(due_date, '+8 days'), date(due_date, '+20 days'), NULL, 'bench',
       CASE WHEN invoice_id % 10 <> 0 AND pay_day <= date(due_date, '+20 days') THEN 'kept'
            WHEN date(due_date, '+20 days') < '2025-01-31' THEN 'broken' ELSE 'open' END,
       CASE WHEN invoice_id % 10 <> 0 AND pay_day <= date(due_date, '+20 days') THEN pay_day
            WHEN date(due_date, '+20 days') < '2025-01-31' THEN date(due_date, '+21 days') ELSE NULL END,
       '2025-01-31T00:00:00Z'
FROM habit WHERE invoice_id % 50 = 7 AND date(due_date, '+8 days') <= '2025-01-31' AND pay_day > date(due_date, '+8 days');
COMMIT;
