-- The figures of the period :FROM..:AS_OF and of each month before (AR, current AR, sales,
-- collections, write-offs per currency and month of the entry), then the invoices settled per month.
SELECT i.currency, substr(e.date, 1, 7) AS month,
       SUM(CASE WHEN e.date < ':FROM' AND i.issue_date < ':FROM' THEN e.amount_minor ELSE 0 END) AS ar_before,
       SUM(CASE WHEN i.issue_date <= ':AS_OF' THEN e.amount_minor ELSE 0 END) AS ar_end,
       SUM(CASE WHEN i.issue_date <= ':AS_OF' AND i.due_date >= ':AS_OF' THEN e.amount_minor ELSE 0 END) AS current_end,
       SUM(CASE WHEN e.kind = 'principal' THEN e.amount_minor ELSE 0 END) AS sales,
       SUM(CASE WHEN e.kind IN ('allocation', 'reversal') THEN -e.amount_minor ELSE 0 END) AS collections,
       SUM(CASE WHEN e.kind = 'write_off' THEN -e.amount_minor ELSE 0 END) AS write_offs
FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
WHERE e.org_id = 1 AND i.voided_at IS NULL AND e.date <= ':AS_OF'
GROUP BY 1, 2;
SELECT currency, substr(paid_on, 1, 7) AS month, COUNT(*) AS settled,
       SUM(julianday(paid_on) - julianday(issue_date)) AS days_to_pay, SUM(paid_on <= due_date) AS on_time
FROM (SELECT i.currency, i.issue_date, i.due_date, MAX(e.date) AS paid_on
      FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
      WHERE e.org_id = 1 AND i.voided_at IS NULL AND e.date <= ':AS_OF'
      GROUP BY e.invoice_id HAVING SUM(e.amount_minor) <= 0 AND SUM(e.kind = 'allocation') > 0)
GROUP BY 1, 2;
