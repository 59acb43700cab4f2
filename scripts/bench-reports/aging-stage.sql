-- Owed per stage reached (the latest action taken by :AS_OF) and currency.
SELECT COALESCE(st.stage, 'none') AS stage, i.currency, SUM(b.balance) AS total
FROM invoices i
JOIN (SELECT invoice_id, SUM(amount_minor) AS balance FROM ledger_entries WHERE date <= ':AS_OF' GROUP BY invoice_id) b
  ON b.invoice_id = i.id AND b.balance <> 0
LEFT JOIN (SELECT invoice_id, stage FROM (SELECT invoice_id, stage, ROW_NUMBER() OVER (PARTITION BY invoice_id ORDER BY day DESC, id DESC) AS n
                                          FROM actions WHERE status = 'due' AND day <= ':AS_OF') WHERE n = 1) st ON st.invoice_id = i.id
WHERE i.voided_at IS NULL
GROUP BY st.stage, i.currency;
