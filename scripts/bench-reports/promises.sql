-- Promises made from :FROM to :AS_OF by where they stood at its end (a promise of the whole balance
-- worth the balance on the day it was made); disputes by reason, by outcome, open at the end.
SELECT i.currency, CASE WHEN p.closed_on IS NOT NULL AND p.closed_on <= ':AS_OF' THEN p.status ELSE 'open' END AS standing,
       COUNT(*), SUM(COALESCE(p.amount_minor, (SELECT SUM(e.amount_minor) FROM ledger_entries e
                                                WHERE e.org_id = p.org_id AND e.invoice_id = p.invoice_id AND e.date <= p.made_on), 0))
FROM promises p JOIN invoices i ON i.id = p.invoice_id AND i.org_id = p.org_id
WHERE p.org_id = 1 AND p.made_on BETWEEN ':FROM' AND ':AS_OF'
GROUP BY 1, 2;
SELECT reason, COUNT(*) FROM disputes WHERE org_id = 1 AND opened_on BETWEEN ':FROM' AND ':AS_OF' GROUP BY reason;
SELECT outcome, COUNT(*), AVG(julianday(resolved_on) - julianday(opened_on)) FROM disputes
WHERE org_id = 1 AND resolved_on BETWEEN ':FROM' AND ':AS_OF' GROUP BY outcome;
SELECT COUNT(*) FROM disputes WHERE org_id = 1 AND opened_on <= ':AS_OF' AND (resolved_on IS NULL OR resolved_on > ':AS_OF');
