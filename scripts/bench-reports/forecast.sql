-- What the forecast reads as of :AS_OF: each client's habit (amount-weighted mean days late of its
-- settled invoices and their count), and what is open per client, currency and due day.
SELECT i.client_id, i.currency, COUNT(*),
       SUM((julianday(b.last_day) - julianday(i.due_date)) * i.total_minor) / SUM(i.total_minor) AS mean_delay
FROM invoices i
JOIN (SELECT invoice_id, MAX(date) AS last_day FROM ledger_entries WHERE org_id = 1 AND date <= ':AS_OF'
      GROUP BY invoice_id HAVING SUM(amount_minor) <= 0 AND SUM(kind = 'allocation') > 0) b ON b.invoice_id = i.id
WHERE i.org_id = 1 AND i.voided_at IS NULL
GROUP BY i.client_id, i.currency;
SELECT i.client_id, i.currency, i.due_date, SUM(b.balance)
FROM invoices i
JOIN (SELECT invoice_id, SUM(amount_minor) AS balance FROM ledger_entries WHERE org_id = 1 AND date <= ':AS_OF'
      GROUP BY invoice_id HAVING SUM(amount_minor) > 0) b ON b.invoice_id = i.id
WHERE i.org_id = 1 AND i.voided_at IS NULL
GROUP BY i.client_id, i.currency, i.due_date;
SELECT p.invoice_id, p.promised_date, p.amount_minor FROM promises p
WHERE p.org_id = 1 AND p.made_on <= ':AS_OF' AND (p.closed_on IS NULL OR p.closed_on > ':AS_OF');
