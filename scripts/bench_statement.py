#!/usr/bin/env python3
"""Writes the camt.053 statements of scripts/bench-statement.sh (standard library only).

  bench_statement.py INVOICES_CSV ENTRIES OUT.xml

Entries pay invoices of the book that scripts/bench_import.py generated (each invoice at
most once), the same bytes for the same arguments on every run:
  35%  the invoice's RF creditor reference, structured (Strd/CdtrRefInf/Ref)
  30%  the invoice number in the remittance text, written loosely ("inv 0000123", "INV0000123")
  20%  the client's name and exactly the invoice's amount, no reference
   5%  unrelated credits (unknown payer, random amount)
  10%  money out
"""
import csv
import random
import sys


def mod97(text: str) -> int:
    remainder = 0
    for ch in text:
        value = int(ch, 36)
        remainder = (remainder * (100 if value >= 10 else 10) + value) % 97
    return remainder


def creditor_reference(number: str) -> str:
    base = "".join(c for c in number.upper() if c.isascii() and c.isalnum())
    check = 98 - mod97(base + "RF00")
    return f"RF{check:02d}{base}"


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source, count, target = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    rng = random.Random(20251129)
    invoices = []
    with open(source, newline="") as handle:
        for row in csv.DictReader(handle):
            invoices.append((row["number"], row["client"], row["amount"]))
            if len(invoices) >= count * 2:
                break
    rng.shuffle(invoices)
    with open(target, "w") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>\n'
                  '<GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2025-02-01T06:00:00</CreDtTm></GrpHdr>\n'
                  '<Stmt><Id>BENCH-STMT</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>\n')
        for index in range(count):
            number, client, amount = invoices[index]
            roll = rng.random()
            direction, party, remittance = "CRDT", f"<Dbtr><Pty><Nm>Client {int(client[1:])}</Nm></Pty></Dbtr>", ""
            if roll < 0.35:
                remittance = (f"<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp>"
                              f"<Ref>{creditor_reference(number)}</Ref></CdtrRefInf></Strd>")
            elif roll < 0.65:
                digits = number.split("-")[1]
                written = rng.choice([f"inv {digits}", f"INV{digits}", f"Rechnung INV-{digits}", f"Invoice inv - {digits} thanks"])
                remittance = f"<Ustrd>{written}</Ustrd>"
            elif roll < 0.85:
                remittance = "<Ustrd>Zahlung</Ustrd>"
            elif roll < 0.90:
                amount = f"{rng.randint(1, 999999) / 100:.2f}"
                party, remittance = "<Dbtr><Pty><Nm>Versicherung AG</Nm></Pty></Dbtr>", f"<Ustrd>Erstattung {rng.randint(10**5, 10**6)}</Ustrd>"
            else:
                direction, party = "DBIT", "<Cdtr><Pty><Nm>Supplier</Nm></Pty></Cdtr>"
                amount, remittance = f"{rng.randint(1, 999999) / 100:.2f}", "<Ustrd>Miete</Ustrd>"
            out.write(f'<Ntry><Amt Ccy="EUR">{amount}</Amt><CdtDbtInd>{direction}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>'
                      f'<BookgDt><Dt>2025-02-01</Dt></BookgDt><ValDt><Dt>2025-02-01</Dt></ValDt>'
                      f'<AcctSvcrRef>BENCH-{index + 1}</AcctSvcrRef><NtryDtls><TxDtls>'
                      f'<Refs><EndToEndId>E2E-{index + 1}</EndToEndId></Refs><RltdPties>{party}</RltdPties>'
                      f'<RmtInf>{remittance}</RmtInf></TxDtls></NtryDtls></Ntry>\n')
        out.write("</Stmt></BkToCstmrStmt></Document>\n")


if __name__ == "__main__":
    main()
