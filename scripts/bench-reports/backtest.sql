-- What the backtest reads: the forecast's rows as of :BACK (habits, open balances by due day,
-- promises), then what arrived per client and week in the 13 weeks after.
SELECT i.client_id, i.currency, COUNT(*),
       SUM((julianday(b.last_day) - julianday(i.due_date)) * i.total_minor) / SUM(i.total_minor) AS mean_delay
FROM invoices i
JOIN (SELECT invoice_id, MAX(date) AS last_day FROM ledger_entries WHERE org_id = 1 AND date <= ':BACK'
      GROUP BY invoice_id HAVING SUM(amount_minor) <= 0 AND SUM(kind = 'allocation') > 0) b ON b.invoice_id = i.id
WHERE i.org_id = 1 AND i.voided_at IS NULL
GROUP BY i.client_id, i.currency;
SELECT i.client_id, i.currency, i.due_date, SUM(b.balance)
FROM invoices i
JOIN (SELECT invoice_id, SUM(amount_minor) AS balance FROM ledger_entries WHERE org_id = 1 AND date <= ':BACK'
      GROUP BY invoice_id HAVING SUM(amount_minor) > 0) b ON b.invoice_id = i.id
WHERE i.org_id = 1 AND i.voided_at IS NULL
GROUP BY i.client_id, i.currency, i.due_date;
SELECT p.invoice_id, p.promised_date, p.amount_minor FROM promises p
WHERE p.org_id = 1 AND p.made_on <= ':BACK' AND (p.closed_on IS NULL OR p.closed_on > ':BACK');
SELECT i.client_id, i.currency, CAST((julianday(e.date) - julianday(':BACK') - 1) / 7 AS INTEGER) AS week, SUM(-e.amount_minor)
FROM ledger_entries e JOIN invoices i ON i.id = e.invoice_id AND i.org_id = e.org_id
WHERE e.org_id = 1 AND e.kind IN ('allocation', 'reversal') AND e.date > ':BACK' AND e.date <= date(':BACK', '+91 days')
  AND i.issue_date <= ':BACK'
GROUP BY 1, 2, 3;
