-- Per stage reached from :FROM to :AS_OF: invoices, paid within 7/14/30 days, recovered in 30 days
-- (payments not reversed).
WITH r AS (SELECT invoice_id, stage, MIN(day) AS day FROM actions
           WHERE org_id = 1 AND status = 'due' AND day BETWEEN ':FROM' AND ':AS_OF' GROUP BY invoice_id, stage),
     s AS (SELECT invoice_id, MAX(date) AS paid_on FROM ledger_entries WHERE date <= ':AS_OF'
           GROUP BY invoice_id HAVING SUM(amount_minor) <= 0),
     back AS (SELECT r.stage, SUM(-l.amount_minor) AS recovered FROM r
              JOIN ledger_entries l ON l.org_id = 1 AND l.invoice_id = r.invoice_id AND l.kind = 'allocation'
               AND l.date >= r.day AND l.date <= ':AS_OF' AND julianday(l.date) - julianday(r.day) <= 30
              JOIN payments p ON p.id = l.payment_id AND (p.reversed_on IS NULL OR p.reversed_on > ':AS_OF')
              GROUP BY r.stage)
SELECT r.stage, COUNT(*) AS reached,
       SUM(julianday(s.paid_on) - julianday(r.day) <= 7) AS paid_7,
       SUM(julianday(s.paid_on) - julianday(r.day) <= 14) AS paid_14,
       SUM(julianday(s.paid_on) - julianday(r.day) <= 30) AS paid_30,
       MAX(back.recovered) AS recovered
FROM r LEFT JOIN s ON s.invoice_id = r.invoice_id AND s.paid_on >= r.day
LEFT JOIN back ON back.stage = r.stage
GROUP BY r.stage;
