-- Owed per client, currency and bucket as of :AS_OF (what `settle report aging` prints).
SELECT c.code, c.name, i.currency,
       SUM(CASE WHEN i.due_date >= ':AS_OF' THEN b.balance ELSE 0 END) AS current,
       SUM(CASE WHEN i.due_date < ':AS_OF' AND julianday(':AS_OF') - julianday(i.due_date) <= 30 THEN b.balance ELSE 0 END) AS d1_30,
       SUM(CASE WHEN julianday(':AS_OF') - julianday(i.due_date) BETWEEN 31 AND 60 THEN b.balance ELSE 0 END) AS d31_60,
       SUM(CASE WHEN julianday(':AS_OF') - julianday(i.due_date) BETWEEN 61 AND 90 THEN b.balance ELSE 0 END) AS d61_90,
       SUM(CASE WHEN julianday(':AS_OF') - julianday(i.due_date) > 90 THEN b.balance ELSE 0 END) AS d90,
       SUM(b.balance) AS total
FROM invoices i
JOIN (SELECT invoice_id, SUM(amount_minor) AS balance FROM ledger_entries WHERE date <= ':AS_OF' GROUP BY invoice_id) b
  ON b.invoice_id = i.id AND b.balance <> 0
JOIN clients c ON c.id = i.client_id
WHERE i.voided_at IS NULL
GROUP BY c.code, c.name, i.currency;
