-- How each client pays as of :AS_OF: per client and currency, billed, paid, open, overdue, and of the
-- invoices settled (balance zero, paid, not written off) the amount, the amount-weighted days late and
-- the amount paid on time; then promises by status and disputes per client.
SELECT i.client_id, i.currency, COUNT(*) AS invoices, SUM(b.billed), SUM(b.paid),
       SUM(CASE WHEN b.balance > 0 THEN b.balance ELSE 0 END) AS open,
       SUM(CASE WHEN b.balance > 0 AND i.due_date < ':AS_OF' THEN b.balance ELSE 0 END) AS overdue,
       SUM(CASE WHEN b.settled THEN i.total_minor END) AS settled_amount,
       SUM(CASE WHEN b.settled THEN MAX(0, julianday(b.last_day) - julianday(i.due_date)) * i.total_minor END) AS weighted_days_late,
       SUM(CASE WHEN b.settled AND b.last_day <= i.due_date THEN i.total_minor END) AS on_time
FROM invoices i
JOIN (SELECT invoice_id, SUM(amount_minor) AS balance, MAX(date) AS last_day,
             SUM(CASE WHEN kind = 'principal' THEN amount_minor ELSE 0 END) AS billed,
             SUM(CASE WHEN kind IN ('allocation', 'reversal') THEN -amount_minor ELSE 0 END) AS paid,
             SUM(amount_minor) <= 0 AND SUM(kind = 'allocation') > 0 AND SUM(kind = 'write_off') = 0 AS settled
      FROM ledger_entries WHERE org_id = 1 AND date <= ':AS_OF' GROUP BY invoice_id) b ON b.invoice_id = i.id
WHERE i.org_id = 1 AND i.voided_at IS NULL AND i.issue_date <= ':AS_OF'
GROUP BY i.client_id, i.currency;
SELECT i.client_id, p.status, COUNT(*) FROM promises p JOIN invoices i ON i.id = p.invoice_id
WHERE p.org_id = 1 AND p.made_on <= ':AS_OF' GROUP BY 1, 2;
SELECT i.client_id, COUNT(*) FROM disputes d JOIN invoices i ON i.id = d.invoice_id
WHERE d.org_id = 1 AND d.opened_on <= ':AS_OF' GROUP BY 1;
